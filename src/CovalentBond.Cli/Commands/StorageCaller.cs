using CovalentBond.Publishing.Identity;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// Who the CLI is when it works on the storage account itself (no <c>--api</c>): the operator whose storage role lets
/// them write the containers, as a blob drop would; the audit trail names them by their login on this machine.
/// </summary>
internal static class StorageCaller
{
    public static Caller Current { get; } = Caller.StorageOperator(Environment.UserName);
}
