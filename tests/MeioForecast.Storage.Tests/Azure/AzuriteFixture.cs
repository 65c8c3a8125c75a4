using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>
/// Runs a real Azurite blob server (npm package pinned in tests/azurite, installed by <c>npm ci --prefix tests/azurite</c>)
/// on a free loopback port with a temporary data folder; <see cref="Kill"/> and <see cref="Start"/> let fault tests stop
/// and restart it on the same port and data. Fails loudly when Azurite is not installed: CI installs it.
/// </summary>
public class AzuriteFixture : IDisposable
{
    /// <summary>The account name of the storage emulator (Azurite), public by design.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The account key of the storage emulator (Azurite), public by design and documented by Microsoft.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _entryPoint;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _containers;

    public AzuriteFixture()
        : this(https: false)
    {
    }

    /// <summary>Starts Azurite; with <paramref name="https"/>, over TLS with a fresh self-signed certificate and OAuth ("basic") enabled.</summary>
    protected AzuriteFixture(bool https)
    {
        Https = https;
        var root = FindRepositoryRoot();
        _entryPoint = Path.Combine(root, "tests", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(_entryPoint))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({_entryPoint} is missing). Install it with: npm ci --prefix tests/azurite (needs Node.js 20+).");
        }

        DataFolder = Directory.CreateTempSubdirectory("meio-azurite-").FullName;
        Port = FreePort();
        if (https)
        {
            Certificate = WriteSelfSignedCertificate(DataFolder);
        }

        Start();
    }

    /// <summary>True when Azurite serves HTTPS with OAuth enabled.</summary>
    public bool Https { get; }

    /// <summary>The server certificate, for an HTTPS fixture.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; }

    /// <summary>The blob service endpoint of the development account.</summary>
    public Uri BlobEndpoint => new($"{(Https ? "https" : "http")}://127.0.0.1:{Port}/{DevelopmentAccountName}");

    /// <summary>The loopback port Azurite listens on.</summary>
    public int Port { get; }

    /// <summary>Azurite's data folder, kept across restarts.</summary>
    public string DataFolder { get; }

    /// <summary>A connection string for Azurite's well-known development account on this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>A fresh container name, unique within this fixture.</summary>
    public string NewContainerName(string stem) => $"{stem}-{Interlocked.Increment(ref _containers)}";

    /// <summary>A store on a new container (created), with fast retries so failures surface within seconds.</summary>
    public async Task<AzureBlobStore> NewStoreAsync(string stem, string? prefix = null, AzureBlobOptions? options = null)
    {
        var store = new AzureBlobStore(ConnectionString, NewContainerName(stem), prefix, options ?? FastOptions);
        await store.CreateContainerIfNotExistsAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Options with short retries and timeouts for tests (a dead server fails in about a second).</summary>
    public static AzureBlobOptions FastOptions { get; } = new()
    {
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        NetworkTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Starts Azurite (again) and waits until its port answers.</summary>
    public void Start()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     _entryPoint, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", DataFolder, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        if (Https)
        {
            foreach (var arg in new[] { "--oauth", "basic", "--cert", Path.Combine(DataFolder, "cert.pem"), "--key", Path.Combine(DataFolder, "key.pem") })
            {
                info.ArgumentList.Add(arg);
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!PortAnswers())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start on 127.0.0.1:{Port}. Output:\n{Output}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Stops the server while a client is using it: SIGTERM, so Azurite saves the metadata of every write it has
    /// acknowledged before exiting (it persists its LokiJS metadata only every 5 s otherwise, so a SIGKILL would also
    /// lose acknowledged writes, which durable blob storage never does). Falls back to SIGKILL after 10 s.
    /// </summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process && !OperatingSystem.IsWindows())
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            term.WaitForExit();
            process.WaitForExit(10_000);
        }

        Kill();
    }

    /// <summary>Kills Azurite at once (SIGKILL).</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>What Azurite printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        Kill();
        Certificate?.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private bool PortAnswers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 WriteSelfSignedCertificate(string folder)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "azurite", "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with tests/azurite/package.json) above {AppContext.BaseDirectory}.");
    }
}
