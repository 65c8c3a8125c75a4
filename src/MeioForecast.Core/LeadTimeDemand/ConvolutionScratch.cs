namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>Reusable FFT work arrays for a sequence of convolutions on one thread.</summary>
internal sealed class ConvolutionScratch
{
    public double[] Re { get; set; } = [];

    public double[] Im { get; set; } = [];
}
