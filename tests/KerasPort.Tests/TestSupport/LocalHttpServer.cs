using System.Net;
using System.Net.Sockets;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port (HttpListener), serving the bytes put in
/// <see cref="files"/> by path. It counts the requests per path, answers 404 for unknown paths,
/// and can cut a response short after its headers promised more (a dropped connection).
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Thread _thread;

    public LocalHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(url);
        _listener.Start();
        _thread = new Thread(serve) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>The server's root URL, ending with a slash.</summary>
    public string url { get; }

    /// <summary>Contents by path (without the leading slash).</summary>
    public Dictionary<string, byte[]> files { get; } = new();

    /// <summary>Paths whose response stops half-way through the promised length.</summary>
    public HashSet<string> truncated { get; } = new();

    /// <summary>Requests received per path.</summary>
    public Dictionary<string, int> requests { get; } = new();

    private void serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            lock (requests) requests[path] = requests.GetValueOrDefault(path) + 1;
            var response = context.Response;
            try
            {
                if (!files.TryGetValue(path, out var body))
                {
                    response.StatusCode = 404;
                    response.Close();
                    continue;
                }
                response.ContentLength64 = body.Length;
                if (truncated.Contains(path))
                {
                    response.OutputStream.Write(body, 0, body.Length / 2);
                    response.Abort();
                    continue;
                }
                response.OutputStream.Write(body);
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away.
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
