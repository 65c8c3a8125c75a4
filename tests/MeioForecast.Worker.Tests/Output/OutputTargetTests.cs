using MeioForecast.Worker.Output;

namespace MeioForecast.Worker.Tests.Output;

public sealed class OutputTargetTests
{
    [Fact]
    public void A_blob_target_names_container_and_prefix()
    {
        var target = OutputTarget.Parse("blob://plans/eu/weekly/");
        Assert.True(target.IsBlob);
        Assert.Equal("plans", target.Container);
        Assert.Equal("eu/weekly", target.Prefix);
        Assert.Null(target.ServiceUri);
        Assert.Equal("", OutputTarget.Parse("blob://plans").Prefix);
    }

    [Fact]
    public void An_https_target_names_the_account_endpoint()
    {
        var target = OutputTarget.Parse("https://meioprod.blob.core.windows.net/plans/eu");
        Assert.Equal(new Uri("https://meioprod.blob.core.windows.net"), target.ServiceUri);
        Assert.Equal(("plans", "eu"), (target.Container, target.Prefix));
    }

    [Fact]
    public void Anything_else_is_a_local_folder()
    {
        var target = OutputTarget.Parse("out/plans");
        Assert.False(target.IsBlob);
        Assert.Equal("out/plans", target.LocalPath);
    }

    [Theory]
    [InlineData("blob://")]
    [InlineData("blob:///prefix")]
    [InlineData("blob://Upper/x")]
    [InlineData("blob://ab/x")]
    [InlineData("blob://a--b/x")]
    [InlineData("blob://plans/../x")]
    [InlineData("https://acct.blob.core.windows.net/plans?sv=1&sig=secret")]
    public void Malformed_blob_targets_are_refused(string output)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => OutputTarget.Parse(output));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
