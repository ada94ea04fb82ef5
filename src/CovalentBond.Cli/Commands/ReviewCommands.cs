using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using CovalentBond.Publishing.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// Review from the command line: <c>covalent submit</c> (a draft goes to review), <c>approve</c> and <c>return --note</c>
/// (an Editor's), over the API with the caller's token, or on the storage account as its operator.
/// </summary>
internal static class ReviewCommands
{
    public static Command Submit(TextWriter output, TextWriter error) =>
        PostCommands.Lifecycle("submit", "Submit a draft for review: an Editor approves it (publishes) or returns it with a note.",
            (p, s, _, c) => p.GetRequiredService<PostReview>().SubmitAsync(s, StorageCaller.Current, c),
            (a, s, _, c) => a.PostAsync($"api/posts/{s}/submit", null, c), output, error);

    public static Command Approve(TextWriter output, TextWriter error) =>
        PostCommands.Lifecycle("approve", "Approve a post in review (Editors): its draft flag comes out and it is published, or scheduled if its date is ahead.",
            (p, s, _, c) => p.GetRequiredService<PostReview>().ApproveAsync(s, StorageCaller.Current, cancellationToken: c),
            (a, s, _, c) => a.PostAsync($"api/posts/{s}/approve", null, c), output, error);

    public static Command Return(TextWriter output, TextWriter error)
    {
        var note = new Option<string>("--note") { Description = "What the author should change (shown to them with the draft).", Required = true };
        return PostCommands.Lifecycle("return", "Return a post in review to its author as a draft, with a note (Editors).",
            (p, s, parse, c) => p.GetRequiredService<PostReview>().ReturnAsync(s, parse.GetValue(note)!, StorageCaller.Current, c),
            (a, s, parse, c) =>
            {
                var body = new StringContent(JsonSerializer.Serialize(new { note = parse.GetValue(note) }));
                body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return a.PostAsync($"api/posts/{s}/return", body, c);
            },
            output,
            error,
            note);
    }
}
