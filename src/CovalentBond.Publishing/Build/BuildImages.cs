using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Build;

/// <summary>The images of a build made into their variants before the posts that show them are rendered.</summary>
internal static class BuildImages
{
    /// <summary>Every image made into its variants, every core busy; a refused image is a problem of its file, and the posts build without it.</summary>
    public static (IMediaCatalog Catalog, List<SitePage> Variants) Process(BuildMedia? media, List<SourceProblem> problems, CancellationToken cancellationToken)
    {
        if (media is null || media.Images.Count == 0)
        {
            return (NoMedia.Instance, []);
        }

        var processed = new ProcessedImage?[media.Images.Count];
        var refused = new string?[media.Images.Count];
        Parallel.For(0, media.Images.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) }, i =>
        {
            var file = media.Images[i];
            try
            {
                processed[i] = media.Processor.Process(SourceFolderMediaCatalog.KeyOf(media.ContentFolder, file.Name), file.Read().ToArray());
            }
            catch (MediaRejectedException ex)
            {
                refused[i] = ex.Message;
            }
        });

        var images = new Dictionary<string, MediaImage>(StringComparer.Ordinal);
        var variants = new Dictionary<string, SitePage>(StringComparer.Ordinal);
        for (var i = 0; i < processed.Length; i++)
        {
            if (refused[i] is { } message)
            {
                problems.Add(new SourceProblem(media.Images[i].Name, new PostProblem(null, "image", message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..])));
                continue;
            }

            images[processed[i]!.Image.Key] = processed[i]!.Image;
            foreach (var variant in processed[i]!.Variants)
            {
                // The same photo twice (two posts' copies) makes the same variants once.
                variants.TryAdd(variant.Path, variant);
            }
        }

        return (new SourceFolderMediaCatalog(images, media.ContentFolder), variants.Values.ToList());
    }
}
