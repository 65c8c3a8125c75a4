using System.Runtime.InteropServices;
using MeioForecast.LightGbm.Native;

namespace MeioForecast.LightGbm;

/// <summary>
/// A LightGBM Dataset (binned features, label, weights) built from a dense float64 matrix (NaN = missing). The raw
/// matrix is copied into LightGBM's bins at construction, so the caller's array may be reused afterwards.
/// </summary>
public sealed class LightGbmDataset : IDisposable
{
    private const int FieldFloat32 = 0;

    private LightGbmDataset(DatasetHandle handle, int rows, int columns)
    {
        Handle = handle;
        RowCount = rows;
        ColumnCount = columns;
    }

    /// <summary>Rows.</summary>
    public int RowCount { get; }

    /// <summary>Features.</summary>
    public int ColumnCount { get; }

    internal DatasetHandle Handle { get; }

    /// <summary>
    /// Builds a dataset from <paramref name="values"/> (<paramref name="rows"/> x <paramref name="columns"/>, row-major or
    /// column-major) with LightGBM dataset <paramref name="parameters"/> (e.g. <c>max_bin=255 categorical_feature=0,3</c>);
    /// a validation set passes its training set as <paramref name="reference"/>, so that it shares the training bins.
    /// </summary>
    public static unsafe LightGbmDataset FromMatrix(ReadOnlySpan<double> values, int rows, int columns, bool rowMajor, string parameters, LightGbmDataset? reference = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"Expected {rows} x {columns} values, got {values.Length}.", nameof(values));
        }

        LightGbmLibrary.EnsureLoaded();
        var added = false;
        try
        {
            reference?.Handle.DangerousAddRef(ref added);
            var refHandle = reference is null ? IntPtr.Zero : reference.Handle.DangerousGetHandle();
            fixed (double* p = values)
            {
                var code = LightGbmNative.LGBM_DatasetCreateFromMat(p, LightGbmNative.DtypeFloat64, rows, columns, rowMajor ? 1 : 0, parameters ?? string.Empty, refHandle, out var handle);
                LightGbmLibrary.Check(code, nameof(LightGbmNative.LGBM_DatasetCreateFromMat));
                return new LightGbmDataset(handle, rows, columns);
            }
        }
        finally
        {
            if (added)
            {
                reference!.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>Sets the label (LightGBM stores it as float32).</summary>
    public void SetLabel(ReadOnlySpan<double> label) => SetField("label", label);

    /// <summary>Sets non-negative sample weights (float32 in LightGBM).</summary>
    public void SetWeights(ReadOnlySpan<double> weights) => SetField("weight", weights);

    /// <summary>
    /// Names the features (written into the model text). LightGBM rejects names with JSON punctuation
    /// (<c>"</c> <c>,</c> <c>:</c> <c>[</c> <c>]</c> <c>{</c> <c>}</c>); callers sanitize them first.
    /// </summary>
    public unsafe void SetFeatureNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != ColumnCount)
        {
            throw new ArgumentException($"Expected {ColumnCount} names, got {names.Count}.", nameof(names));
        }

        var pointers = new IntPtr[names.Count];
        try
        {
            for (var i = 0; i < pointers.Length; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
            }

            fixed (IntPtr* p = pointers)
            {
                LightGbmLibrary.Check(LightGbmNative.LGBM_DatasetSetFeatureNames(Handle, p, pointers.Length), nameof(LightGbmNative.LGBM_DatasetSetFeatureNames));
            }
        }
        finally
        {
            foreach (var p in pointers)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    private unsafe void SetField(string field, ReadOnlySpan<double> values)
    {
        if (values.Length != RowCount)
        {
            throw new ArgumentException($"Expected {RowCount} values of '{field}', got {values.Length}.", nameof(values));
        }

        var single = new float[values.Length];
        for (var i = 0; i < single.Length; i++)
        {
            single[i] = (float)values[i];
        }

        fixed (float* p = single)
        {
            LightGbmLibrary.Check(LightGbmNative.LGBM_DatasetSetField(Handle, field, p, single.Length, FieldFloat32), nameof(LightGbmNative.LGBM_DatasetSetField));
        }
    }
}
