namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The dictionary that Keras's <c>get_random_transform</c> returns and <c>apply_transform</c>
/// takes, with its keys as properties. A property left unset takes the default that
/// <c>apply_transform</c> uses for a missing key (no rotation, shift or shear, zoom 1, no flip,
/// no channel shift, no brightness change); null stands for Python's None.
/// </summary>
public sealed record TransformParameters
{
    /// <summary>Rotation angle in degrees.</summary>
    public double theta { get; init; }

    /// <summary>Shift along Keras's x axis, in pixels (drawn from <c>height_shift_range</c>).</summary>
    public double tx { get; init; }

    /// <summary>Shift along Keras's y axis, in pixels (drawn from <c>width_shift_range</c>).</summary>
    public double ty { get; init; }

    /// <summary>Shear angle in degrees.</summary>
    public double shear { get; init; }

    /// <summary>Zoom in the x direction.</summary>
    public double zx { get; init; } = 1;

    /// <summary>Zoom in the y direction.</summary>
    public double zy { get; init; } = 1;

    /// <summary>Whether to flip the columns.</summary>
    public bool flip_horizontal { get; init; }

    /// <summary>Whether to flip the rows.</summary>
    public bool flip_vertical { get; init; }

    /// <summary>Channel shift intensity; null for none.</summary>
    public double? channel_shift_intensity { get; init; }

    /// <summary>Brightness factor; null for none.</summary>
    public double? brightness { get; init; }
}
