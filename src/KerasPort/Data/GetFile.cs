using KerasPort.Callbacks;
using KerasPort.Data;

namespace KerasPort;

public static partial class keras
{
    public static partial class utils
    {
        private static readonly HttpClient Http = new();

        /// <summary>
        /// Where get_file fetches an origin from: the origin itself. The tests point Keras's dataset
        /// URLs at a local HTTP server with it (same paths, another host), as no test reaches the internet.
        /// </summary>
        internal static Func<Uri, Uri> origin_resolver = uri => uri;

        /// <summary>
        /// Keras's <c>get_file</c>: downloads <paramref name="origin"/> into the Keras cache unless it is
        /// already there, and returns the local path. The file goes to
        /// <c>&lt;cache_dir&gt;/&lt;cache_subdir&gt;/&lt;fname&gt;</c>, where <paramref name="cache_dir"/>
        /// defaults to <c>$KERAS_HOME</c>, else <c>~/.keras</c>, and <paramref name="cache_subdir"/> to
        /// "datasets" (an absolute path is used as is). <paramref name="fname"/> defaults to the
        /// last part of the URL's path. A cached file is used as is when no hash is given; with
        /// <paramref name="file_hash"/> (sha256 or md5, chosen by <paramref name="hash_algorithm"/>,
        /// "auto" by the hash's length) a cached file that does not match is downloaded again, and a
        /// download that does not match is refused. The download goes to a temporary file that
        /// replaces the cached one only once complete and checked, so a failed or mismatched
        /// download leaves the cache as it was. <paramref name="extract"/> (or the older
        /// <paramref name="untar"/>) extracts a .tar, .tar.gz or .zip archive: for
        /// <c>fname: "flower_photos.tgz"</c> into <c>.../datasets/flower_photos_extracted</c>, which is
        /// returned. <paramref name="force_download"/> downloads even when cached. A progress bar shows
        /// the download, as Keras's does; <c>file://</c> origins are copied.
        /// </summary>
        public static string get_file(string? fname = null, string? origin = null, bool untar = false, string? md5_hash = null,
            string? file_hash = null, string cache_subdir = "datasets", string hash_algorithm = "auto", bool extract = false,
            string? archive_format = "auto", string? cache_dir = null, bool force_download = false)
        {
            if (origin is null)
                throw new ArgumentException("Please specify the \"origin\" argument (URL of the file to download).", nameof(origin));
            if (hash_algorithm is not ("auto" or "sha256" or "md5"))
                throw new ArgumentException($"Invalid value received for argument hash_algorithm. Expected \"auto\", \"sha256\" or \"md5\". Received: hash_algorithm={hash_algorithm}", nameof(hash_algorithm));
            if (cache_dir is null)
            {
                cache_dir = FileUtils.keras_home();
                // Keras makes its home folder when it is imported.
                Directory.CreateDirectory(cache_dir);
            }
            if (md5_hash is not null && file_hash is null)
            {
                file_hash = md5_hash;
                hash_algorithm = "md5";
            }
            var datadir_base = FileUtils.expanduser(cache_dir);
            if (!FileUtils.is_writable(datadir_base))
                datadir_base = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), ".keras");
            var datadir = Path.Combine(datadir_base, cache_subdir);
            Directory.CreateDirectory(datadir);

            var provided_fname = fname;
            if (string.IsNullOrEmpty(fname))
            {
                fname = Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : Path.GetFileName(origin);
                if (string.IsNullOrEmpty(fname))
                    throw new ArgumentException($"Can't parse the file name from the origin provided: '{origin}'.Please specify the `fname` argument.", nameof(fname));
            }
            else if (fname.Contains(Path.DirectorySeparatorChar))
            {
                throw new ArgumentException($"Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use the `cache_dir` argument. Received: fname={fname}", nameof(fname));
            }

            string download_target;
            string? extraction_dir = null;
            if (extract || untar)
            {
                if (!string.IsNullOrEmpty(provided_fname) && fname.Contains('.'))
                {
                    download_target = Path.Combine(datadir, fname);
                    extraction_dir = Path.Combine(datadir, fname[..fname.IndexOf('.')] + "_extracted");
                }
                else
                {
                    extraction_dir = Path.Combine(datadir, fname);
                    download_target = Path.Combine(datadir, fname + "_archive");
                }
            }
            else
            {
                download_target = Path.Combine(datadir, fname);
            }

            bool download;
            if (force_download) download = true;
            else if (File.Exists(download_target))
            {
                download = false;
                if (file_hash is not null && !FileUtils.validate_file(download_target, file_hash, hash_algorithm))
                {
                    IoUtils.print_msg($"A local file was found, but it seems to be incomplete or outdated because the {hash_algorithm} file hash does not match the original value of {file_hash} so we will re-download the data.");
                    download = true;
                }
            }
            else download = true;

            if (download)
            {
                IoUtils.print_msg($"Downloading data from {origin}");
                var partial = $"{download_target}.{Guid.NewGuid():N}.part";
                try
                {
                    fetch(origin, partial);
                    if (file_hash is not null && !FileUtils.validate_file(partial, file_hash, hash_algorithm))
                        throw new InvalidDataException($"Incomplete or corrupted file detected. The {hash_algorithm} file hash does not match the provided value of {file_hash}. (Downloaded from {origin} for {download_target}; the download was removed.)");
                    File.Move(partial, download_target, overwrite: true);
                }
                finally
                {
                    if (File.Exists(partial)) File.Delete(partial);
                }
            }

            if (extraction_dir is not null)
            {
                if (untar) archive_format = "tar";
                if (!FileUtils.extract_archive(download_target, extraction_dir, archive_format))
                    FileUtils.warn("Could not extract archive.");
                return extraction_dir;
            }
            return download_target;
        }

        /// <summary>Copies <paramref name="origin"/> (http, https or file) to <paramref name="target"/> with Keras's download progress bar.</summary>
        private static void fetch(string origin, string target)
        {
            Uri uri;
            try
            {
                uri = origin_resolver(new Uri(origin, UriKind.Absolute));
            }
            catch (UriFormatException e)
            {
                throw new ArgumentException($"Invalid value received for argument origin. Expected a URL. Received: origin={origin} ({e.Message})", nameof(origin));
            }
            if (uri.IsFile)
            {
                using var source = File.OpenRead(uri.LocalPath);
                copy_with_progress(source, source.Length, target);
                return;
            }
            HttpResponseMessage response;
            try
            {
                response = Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            }
            catch (HttpRequestException e)
            {
                throw new IOException($"URL fetch failure on {origin}: None -- {e.Message}", e);
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                    throw new IOException($"URL fetch failure on {origin}: {(int)response.StatusCode} -- {response.ReasonPhrase}");
                using var body = response.Content.ReadAsStream();
                copy_with_progress(body, response.Content.Headers.ContentLength, target);
            }
        }

        private static void copy_with_progress(Stream source, long? total, string target)
        {
            // Keras's Progbar counts bytes; past 2 GiB this one counts KiB.
            int scale = total is > int.MaxValue ? 1024 : 1;
            bool dynamic = !OperatingSystem.IsWindows() || (IoUtils.stdout is null && !Console.IsOutputRedirected);
            var progbar = new Progbar(total is null ? null : (int)(total.Value / scale), IoUtils.stdout ?? Console.Out, dynamic, Progbar.system_clock());
            using var output = File.Create(target);
            var buffer = new byte[8192];
            long current = 0;
            bool finished = false;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                current += read;
                if (total is null) progbar.update((int)Math.Min(current / scale, int.MaxValue), null, finalize: false);
                else if (current < total) progbar.update((int)(current / scale), null, finalize: false);
                else if (!finished)
                {
                    progbar.update((int)(total.Value / scale), null, finalize: true);
                    finished = true;
                }
            }
            if (total is not null && current != total)
                throw new IOException($"retrieval incomplete: got only {current} out of {total} bytes");
        }
    }
}
