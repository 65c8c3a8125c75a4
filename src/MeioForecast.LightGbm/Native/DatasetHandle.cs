using Microsoft.Win32.SafeHandles;

namespace MeioForecast.LightGbm.Native;

/// <summary>A LightGBM DatasetHandle, freed with LGBM_DatasetFree.</summary>
internal sealed class DatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Created by the marshaller for out parameters.</summary>
    public DatasetHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_DatasetFree(handle) == 0;
}
