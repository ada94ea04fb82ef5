using CovalentBond.Publishing.Identity;

namespace CovalentBond.Identity.Tokens;

/// <summary>What the validator made of a request's <c>Authorization</c> header: a caller, or why there is none.</summary>
/// <param name="Caller">The caller the token names, when it is valid.</param>
/// <param name="Problem">Why it is not (for the 401's <c>error_description</c> and the audit trail; never the token).</param>
/// <param name="TokenPresented">False when the request carried no bearer token at all.</param>
public sealed record TokenCheck(Caller? Caller, string? Problem, bool TokenPresented)
{
    public static TokenCheck Missing { get; } = new(null, "no bearer token", false);

    public static TokenCheck Refused(string problem) => new(null, problem, true);

    public static TokenCheck Valid(Caller caller) => new(caller, null, true);
}
