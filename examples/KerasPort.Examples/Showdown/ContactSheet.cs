using KerasPort.Imaging;

namespace KerasPort.Examples.Showdown;

/// <summary>Tiles images into one grid PNG, with the PIL-style API the article uses.</summary>
public static class ContactSheet
{
    /// <summary>Tiles the images <paramref name="thumb_width"/> wide, keeping the first image's aspect ratio.</summary>
    public static string Write(IReadOnlyList<string> image_paths, string path, int columns = 5, int thumb_width = 180, int gap = 4)
    {
        if (image_paths.Count == 0)
            throw new ArgumentException("Invalid value received for argument image_paths. Expected at least one image. Received: none.", nameof(image_paths));
        var first = Image.open(image_paths[0]);
        int thumb_height = Math.Max(1, (int)Math.Round((double)thumb_width * first.height / first.width));
        int rows = (image_paths.Count + columns - 1) / columns;
        var sheet = Image.@new("RGB", (columns * (thumb_width + gap) + gap, rows * (thumb_height + gap) + gap), "white");
        for (int i = 0; i < image_paths.Count; i++)
        {
            var tile = Image.open(image_paths[i]).convert("RGB").resize((thumb_width, thumb_height), Image.BICUBIC);
            sheet.paste(tile, (gap + (i % columns) * (thumb_width + gap), gap + (i / columns) * (thumb_height + gap)));
        }
        sheet.save(path);
        return path;
    }
}
