using Azure.Core;
using Azure.Core.Pipeline;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

public sealed class SharedKeySigningPolicyTests
{
    [Fact]
    public void The_string_to_sign_follows_the_documented_layout()
    {
        // Layout from Microsoft's "Authorize with Shared Key" (Blob service, 2009-09-19+): VERB, 11 standard headers
        // (Content-Length empty when 0), sorted lower-case x-ms-* headers, then /account/path and sorted query parameters.
        var pipeline = HttpPipelineBuilder.Build(new TestOptions());
        var request = pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/c1/runs/a%20b.csv?comp=lease&restype=x"));
        request.Headers.SetValue("x-ms-version", "2023-11-03");
        request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 06:00:00 GMT");
        request.Headers.SetValue("If-None-Match", "*");
        request.Headers.SetValue("Content-MD5", "md5==");
        request.Content = RequestContent.Create(new byte[] { 1, 2, 3 });
        var policy = new SharedKeySigningPolicy("devstoreaccount1", [1, 2, 3]);
        var expected =
            "PUT\n\n\n3\nmd5==\n\n\n\n\n*\n\n\n" +
            "x-ms-date:Sun, 22 Nov 2026 06:00:00 GMT\nx-ms-version:2023-11-03\n" +
            "/devstoreaccount1/devstoreaccount1/c1/runs/a%20b.csv\ncomp:lease\nrestype:x";
        Assert.Equal(expected, policy.StringToSign(request));
    }

    private sealed class TestOptions : ClientOptions
    {
    }
}
