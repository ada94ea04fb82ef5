namespace CovalentBond.Publishing.Identity;

/// <summary>How a caller reached the system, for the audit trail.</summary>
public enum CallerKind
{
    /// <summary>A person signed in with Entra ID (a delegated token).</summary>
    Person,

    /// <summary>An app registration or managed identity (an app-only token): CI, an import script.</summary>
    Service,

    /// <summary>
    /// Whoever wrote the storage account directly: a blob dropped into the posts container, or the CLI working on the
    /// storage account with the operator's own storage role. Publishes as an Editor would (docs/security.md).
    /// </summary>
    Storage,

    /// <summary>The app itself: the scheduled jobs (a post whose time has come, a republish batch).</summary>
    App,
}
