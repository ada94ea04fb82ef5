namespace CovalentBond.Publishing.Identity;

/// <summary>
/// Who may call what: the role × action table (docs/security.md prints it). The gate asks <see cref="Allows"/> before
/// any function runs; the use cases then ask <see cref="Pipeline.PostAccess"/> about the one post (ownership, a
/// Contributor's drafts) once they have read it.
/// </summary>
public static class AccessPolicy
{
    /// <summary>The roles that may call an action at all; the use case may still refuse a post the caller does not own.</summary>
    public static IReadOnlyList<Role> RolesFor(ApiAction action) => action switch
    {
        ApiAction.WhoAmI or ApiAction.ReadPosts => [Role.Contributor, Role.Author, Role.Editor, Role.Admin],
        ApiAction.WritePost or ApiAction.UploadMedia => [Role.Contributor, Role.Author, Role.Editor],
        ApiAction.WithdrawPost or ApiAction.RestorePost => [Role.Author, Role.Editor],
        ApiAction.OperateSite => [Role.Admin],
        ApiAction.ReadAudit => [Role.Editor, Role.Admin],
        ApiAction.ReviewPost => [Role.Editor],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "an action with no roles"),
    };

    /// <summary>True when the caller may call the action: one of its roles, or for <see cref="ApiAction.WhoAmI"/> any signed-in caller.</summary>
    public static bool Allows(Caller caller, ApiAction action) => action == ApiAction.WhoAmI || RolesFor(action).Any(caller.Has);
}
