using KerasPort.Imaging;

namespace KerasPort.Examples.Showdown;

/// <summary>Tiles images into one grid PNG, with the PIL-style API the article uses.</summary>
public static class ContactSheet
{
    public static string Write(IReadOnlyList<string> image_paths, string path, int columns = 5, int thumb = 160, int gap = 4)
    {
        if (image_paths.Count == 0)
            throw new ArgumentException("Invalid value received for argument image_paths. Expected at least one image. Received: none.", nameof(image_paths));
        int rows = (image_paths.Count + columns - 1) / columns;
        var sheet = Image.@new("RGB", (columns * (thumb + gap) + gap, rows * (thumb + gap) + gap), "white");
        for (int i = 0; i < image_paths.Count; i++)
        {
            var tile = Image.open(image_paths[i]).convert("RGB").resize((thumb, thumb));
            sheet.paste(tile, (gap + (i % columns) * (thumb + gap), gap + (i / columns) * (thumb + gap)));
        }
        sheet.save(path);
        return path;
    }
}
