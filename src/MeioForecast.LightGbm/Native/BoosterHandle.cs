using Microsoft.Win32.SafeHandles;

namespace MeioForecast.LightGbm.Native;

/// <summary>A LightGBM BoosterHandle, freed with LGBM_BoosterFree.</summary>
internal sealed class BoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Created by the marshaller for out parameters.</summary>
    public BoosterHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_BoosterFree(handle) == 0;
}
