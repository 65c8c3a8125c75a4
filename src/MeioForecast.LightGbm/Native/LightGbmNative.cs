using System.Runtime.InteropServices;

namespace MeioForecast.LightGbm.Native;

/// <summary>
/// The subset of lib_lightgbm's C API (LightGBM 4.x, include/LightGBM/c_api.h) this binding uses. Every function returns
/// 0 on success and -1 on failure, with the reason in <see cref="LGBM_GetLastError"/>; callers go through
/// <see cref="LightGbmLibrary.Check"/>. Strings are UTF-8 (LPStr on Linux); string arrays are passed as arrays of
/// pointers the caller allocates, because the source-generated marshaller does not marshal string[].
/// </summary>
internal static partial class LightGbmNative
{
    /// <summary>The library name the LightGBM NuGet package ships (runtimes/linux-x64/native/lib_lightgbm.so).</summary>
    public const string Library = "lib_lightgbm";

    /// <summary>C_API_DTYPE_FLOAT32.</summary>
    public const int DtypeFloat32 = 0;

    /// <summary>C_API_DTYPE_FLOAT64.</summary>
    public const int DtypeFloat64 = 1;

    [LibraryImport(Library)]
    public static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int LGBM_DatasetCreateFromMat(
        double* data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, IntPtr reference, out DatasetHandle handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int LGBM_DatasetSetField(DatasetHandle handle, string fieldName, void* data, int numElement, int type);

    [LibraryImport(Library)]
    public static unsafe partial int LGBM_DatasetSetFeatureNames(DatasetHandle handle, IntPtr* names, int count);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetGetNumData(DatasetHandle handle, out int count);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(IntPtr handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(DatasetHandle train, string parameters, out BoosterHandle handle);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterAddValidData(BoosterHandle handle, DatasetHandle valid);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(BoosterHandle handle, out int isFinished);

    [LibraryImport(Library)]
    public static unsafe partial int LGBM_BoosterGetEval(BoosterHandle handle, int dataIndex, out int length, double* results);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetEvalCounts(BoosterHandle handle, out int count);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetCurrentIteration(BoosterHandle handle, out int iteration);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumFeature(BoosterHandle handle, out int count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterLoadModelFromString(string model, out int iterations, out BoosterHandle handle);

    [LibraryImport(Library)]
    public static unsafe partial int LGBM_BoosterSaveModelToString(
        BoosterHandle handle, int startIteration, int numIteration, int featureImportanceType, long bufferLength, out long length, byte* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int LGBM_BoosterPredictForMat(
        BoosterHandle handle, double* data, int dataType, int nrow, int ncol, int isRowMajor, int predictType,
        int startIteration, int numIteration, string parameters, out long length, double* result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int LGBM_BoosterPredictForMatSingleRow(
        BoosterHandle handle, double* data, int dataType, int ncol, int isRowMajor, int predictType,
        int startIteration, int numIteration, string parameters, out long length, double* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(IntPtr handle);
}
