namespace CovalentBond.Publishing.Identity;

/// <summary>
/// What a caller may do, as Entra ID app roles (the <c>roles</c> claim of the access token). Contributor, Author and
/// Editor rank upwards: each may do what the one below may. Admin runs the site (republish, verify, the audit) and is
/// given beside one of the others, not above them.
/// </summary>
public enum Role
{
    /// <summary>Writes drafts of their own; never publishes.</summary>
    Contributor,

    /// <summary>Publishes, withdraws and restores their own posts.</summary>
    Author,

    /// <summary>Every post: edit, publish, schedule, withdraw, restore; reads the audit trail.</summary>
    Editor,

    /// <summary>The site: republish, verify, settings; reads the audit trail.</summary>
    Admin,
}
