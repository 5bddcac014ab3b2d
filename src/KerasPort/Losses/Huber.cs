namespace KerasPort.Losses;

/// <summary>Keras's <c>Huber</c> loss: per element <c>0.5 x^2</c> where <c>|x| &lt;= delta</c>, else <c>delta |x| - 0.5 delta^2</c> (x = y_pred - y_true), averaged over the last axis.</summary>
public sealed class Huber : LossFunctionWrapper
{
    /// <param name="delta">Where the loss turns from quadratic to linear. Default 1.0.</param>
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"huber_loss"</c>.</param>
    public Huber(double delta = 1.0, string? reduction = "sum_over_batch_size", string name = "huber_loss")
        : base((t, p) => keras.losses.huber(t, p, delta), reduction, name)
    {
        this.delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double delta { get; }
}
