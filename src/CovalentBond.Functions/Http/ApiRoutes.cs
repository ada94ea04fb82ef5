using CovalentBond.Publishing.Identity;

namespace CovalentBond.Functions.Http;

/// <summary>
/// What each HTTP function lets its caller do: the gate looks the function up here before it runs. A function missing
/// from this table is refused to everyone (and a test fails), so a new endpoint cannot be left open by forgetting it.
/// </summary>
public static class ApiRoutes
{
    private static readonly Dictionary<string, ApiAction> Actions = new(StringComparer.Ordinal)
    {
        ["WhoAmI"] = ApiAction.WhoAmI,
        ["ListPosts"] = ApiAction.ReadPosts,
        ["ShowPost"] = ApiAction.ReadPosts,
        ["ShowPostSource"] = ApiAction.ReadPosts,
        ["PublishPost"] = ApiAction.WritePost,
        ["PreviewPost"] = ApiAction.WritePost,
        ["SaveDraft"] = ApiAction.WritePost,
        ["ShowDraft"] = ApiAction.WritePost,
        ["DeleteDraft"] = ApiAction.WritePost,
        ["DeletePost"] = ApiAction.WithdrawPost,
        ["UnpublishPost"] = ApiAction.WithdrawPost,
        ["RestorePost"] = ApiAction.RestorePost,
        ["ListRevisions"] = ApiAction.ReadPosts,
        ["ShowRevision"] = ApiAction.ReadPosts,
        ["RestoreRevision"] = ApiAction.WritePost,
        ["SubmitPost"] = ApiAction.WritePost,
        ["ApprovePost"] = ApiAction.ReviewPost,
        ["ReturnPost"] = ApiAction.ReviewPost,
        ["PublishPostMedia"] = ApiAction.UploadMedia,
        ["PublishSiteMedia"] = ApiAction.UploadMedia,
        ["StartRepublish"] = ApiAction.OperateSite,
        ["RepublishStatus"] = ApiAction.OperateSite,
        ["ReadAudit"] = ApiAction.ReadAudit,
    };

    /// <summary>The action of the function named <paramref name="functionName"/>, or null when it has none (refused).</summary>
    public static ApiAction? ActionOf(string functionName) => Actions.TryGetValue(functionName, out var action) ? action : null;

    public static IReadOnlyCollection<string> Functions => Actions.Keys;
}
