namespace CovalentBond.Publishing.Identity;

/// <summary>Everything the HTTP API lets a caller do; every endpoint maps to one (the Functions' route table).</summary>
public enum ApiAction
{
    /// <summary><c>GET /api/me</c>: who the token says the caller is, and their roles. Any valid token, even one with no role.</summary>
    WhoAmI,

    /// <summary><c>GET /api/posts</c>, <c>GET /api/posts/{slug}</c>.</summary>
    ReadPosts,

    /// <summary><c>PUT /api/posts/{slug}</c>: create or change a post (a Contributor only drafts).</summary>
    WritePost,

    /// <summary><c>DELETE /api/posts/{slug}</c>, <c>POST …/unpublish</c>.</summary>
    WithdrawPost,

    /// <summary><c>POST …/restore</c>.</summary>
    RestorePost,

    /// <summary><c>POST /api/posts/{slug}/approve</c>, <c>…/return</c>: the Editor's side of review.</summary>
    ReviewPost,

    /// <summary><c>PUT /api/media/{path}</c>: a picture through the picture pipeline.</summary>
    UploadMedia,

    /// <summary><c>POST /api/site/republish</c>, its status, <c>POST /api/site/verify</c>.</summary>
    OperateSite,

    /// <summary><c>GET /api/audit</c>.</summary>
    ReadAudit,
}
