namespace CovalentBond.Publishing.Identity;

/// <summary>
/// Who is asking: the one identity every use case sees, whatever the host. Over HTTP it comes from a validated access
/// token (object id, name, app roles) and nowhere else; a blob drop, the CLI on the storage account and the scheduled
/// jobs have callers of their own.
/// </summary>
/// <param name="Id">The Entra object id (<c>oid</c>) of the person or service principal; a fixed name for the others.</param>
/// <param name="Name">A display name for pages and the audit trail.</param>
/// <param name="Roles">The app roles the token carries.</param>
/// <param name="Kind">How the caller came in.</param>
public sealed record Caller(string Id, string Name, IReadOnlySet<Role> Roles, CallerKind Kind)
{
    /// <summary>The scheduled jobs and republish batches: the app acting on what was already accepted.</summary>
    public static Caller App { get; } = new("app", "Covalent Bond (scheduled)", new HashSet<Role> { Role.Editor, Role.Admin }, CallerKind.App);

    /// <summary>A blob written into the posts or media container by whoever holds a storage role there.</summary>
    /// <param name="detail">What the event and the blob say of the writer (the Event Grid event's API, the client's request id).</param>
    public static Caller StorageDrop(string? detail = null) =>
        new("storage", detail is null ? "storage drop" : $"storage drop ({detail})", new HashSet<Role> { Role.Editor }, CallerKind.Storage);

    /// <summary>The CLI working on the storage account itself: the operator's storage role is the credential.</summary>
    public static Caller StorageOperator(string who) =>
        new("storage", $"storage account ({who})", new HashSet<Role> { Role.Editor, Role.Admin }, CallerKind.Storage);

    /// <summary>True when the caller holds the role, or a role above it (Editor above Author above Contributor).</summary>
    public bool Has(Role role) => role switch
    {
        Role.Contributor => Roles.Contains(Role.Contributor) || Has(Role.Author),
        Role.Author => Roles.Contains(Role.Author) || Roles.Contains(Role.Editor),
        _ => Roles.Contains(role),
    };

    /// <summary>True for any role at all: a signed-in caller the site knows.</summary>
    public bool HasAnyRole => Roles.Count > 0;

    /// <summary>The caller as the audit trail and telemetry name them: the object id and the name, never the token.</summary>
    public override string ToString() => $"{Name} ({Kind.ToString().ToLowerInvariant()} {Id})";
}
