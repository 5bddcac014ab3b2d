using System.Diagnostics;
using KerasPort.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

/// <summary>Resident set size at the end of each epoch (1-based epoch numbers).</summary>
internal sealed class RssRecorder : Callback
{
    private readonly Dictionary<int, long> _rss = new();

    public long at(int epoch) => _rss[epoch];

    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        _rss[epoch + 1] = process.WorkingSet64;
    }
}

/// <summary>
/// The same training written directly on TorchSharp: forward with inverted dropout, clipped BCE
/// plus the L1 and L2 penalties, gradients, and Keras's Adam update, one dispose scope per step.
/// </summary>
internal sealed class HandLoop
{
    private readonly Tensor[] _w;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private long _t;

    /// <summary>Correct predictions so far: the hand loop computes the accuracy fit reports, too.</summary>
    public double accuracy_total { get; private set; }

    public HandLoop(Tensor[] weights)
    {
        _w = weights.Select(w => w.clone().requires_grad_(true)).ToArray();
        _m = weights.Select(w => torch.zeros_like(w)).ToArray();
        _v = weights.Select(w => torch.zeros_like(w)).ToArray();
    }

    public void epoch(Tensor x, Tensor y, int batch)
    {
        long n = x.shape[0];
        using var order = torch.randperm(n);
        for (long start = 0; start < n; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            var rows = order.narrow(0, start, Math.Min(batch, n - start));
            var xb = x.index_select(0, rows);
            var yb = y.index_select(0, rows);
            var h = nn.functional.dropout(nn.functional.relu(xb.matmul(_w[0]) + _w[1]), 0.2, training: true);
            h = nn.functional.dropout(nn.functional.relu(h.matmul(_w[2]) + _w[3]), 0.2, training: true);
            var p = torch.sigmoid(h.matmul(_w[4]) + _w[5]).clamp(1e-7, 1 - 1e-7);
            var bce = -(yb * p.log() + (1 - yb) * (1 - p).log()).mean();
            var loss = bce + _w[0].abs().sum() * 0.01f + _w[2].square().sum() * 0.001f;
            loss.item<float>();
            var grads = torch.autograd.grad([loss], _w);
            using (torch.no_grad()) accuracy_total += p.gt(0.5).to_type(ScalarType.Float32).eq(yb).to_type(ScalarType.Float32).sum().item<float>();
            _t++;
            double alpha = 0.001 * Math.Sqrt(1 - Math.Pow(0.999, _t)) / (1 - Math.Pow(0.9, _t));
            using var no_grad = torch.no_grad();
            for (int i = 0; i < _w.Length; i++)
            {
                _m[i].mul_(0.9).add_(grads[i], alpha: 0.1);
                _v[i].mul_(0.999).addcmul_(grads[i], grads[i], value: 0.001);
                _w[i].sub_(_m[i] / (_v[i].sqrt() + 1e-7) * alpha);
            }
        }
    }
}
