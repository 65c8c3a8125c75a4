using System.Text;
using MeioForecast.LightGbm.Native;

namespace MeioForecast.LightGbm;

/// <summary>
/// A LightGBM booster (Ke et al. 2017, "LightGBM: a highly efficient gradient boosting decision tree", NeurIPS 30):
/// trained one iteration at a time on a <see cref="LightGbmDataset"/>, or loaded from LightGBM's text model format
/// (the format of <c>model.txt</c>: a <c>tree</c> header, <c>version=v4</c>, then one block per tree). Predictions and
/// TreeSHAP contributions (Lundberg, Erion &amp; Lee 2018, arXiv:1802.03888, predict_type C_API_PREDICT_CONTRIB) come from
/// lib_lightgbm. Concurrent predictions on one booster are safe (LightGBM takes a shared lock); training is not.
/// </summary>
public sealed class LightGbmBooster : IDisposable
{
    private readonly BoosterHandle _handle;
    private readonly List<LightGbmDataset> _data = [];

    private LightGbmBooster(BoosterHandle handle)
    {
        _handle = handle;
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterGetNumFeature(handle, out var features), nameof(LightGbmNative.LGBM_BoosterGetNumFeature));
        FeatureCount = features;
    }

    /// <summary>Features the model reads, in column order.</summary>
    public int FeatureCount { get; }

    /// <summary>Boosting iterations done (trees per output).</summary>
    public int Iterations
    {
        get
        {
            LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterGetCurrentIteration(_handle, out var n), nameof(LightGbmNative.LGBM_BoosterGetCurrentIteration));
            return n;
        }
    }

    /// <summary>
    /// A booster on <paramref name="train"/> with LightGBM <paramref name="parameters"/> (<c>objective=quantile alpha=0.9
    /// num_leaves=31 ...</c>). The booster keeps the dataset (and the validation sets added) referenced but does not own
    /// it: one dataset may serve several boosters, also concurrently (LightGBM only reads it while training); the caller
    /// disposes it after the last booster.
    /// </summary>
    public static LightGbmBooster Create(LightGbmDataset train, string parameters)
    {
        ArgumentNullException.ThrowIfNull(train);
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterCreate(train.Handle, parameters ?? string.Empty, out var handle), nameof(LightGbmNative.LGBM_BoosterCreate));
        var booster = new LightGbmBooster(handle);
        booster._data.Add(train);
        return booster;
    }

    /// <summary>Throws <see cref="LightGbmUnavailableException"/>, naming the missing library and its package, when lib_lightgbm cannot be loaded.</summary>
    public static void EnsureAvailable() => LightGbmLibrary.EnsureLoaded();

    /// <summary>Loads a model from LightGBM's text format (as written by <see cref="ToModelString"/> or any LightGBM).</summary>
    public static LightGbmBooster FromModelString(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        LightGbmLibrary.EnsureLoaded();
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterLoadModelFromString(model, out _, out var handle), nameof(LightGbmNative.LGBM_BoosterLoadModelFromString));
        return new LightGbmBooster(handle);
    }

    /// <summary>Adds a validation set (index 1, 2, ... of <see cref="Evaluate"/>); its metrics follow the <c>metric</c> parameter.</summary>
    public void AddValidation(LightGbmDataset valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterAddValidData(_handle, valid.Handle), nameof(LightGbmNative.LGBM_BoosterAddValidData));
        _data.Add(valid);
    }

    /// <summary>One boosting iteration; false when LightGBM found no split worth making (training cannot go on).</summary>
    public bool UpdateOneIteration()
    {
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterUpdateOneIter(_handle, out var finished), nameof(LightGbmNative.LGBM_BoosterUpdateOneIter));
        return finished == 0;
    }

    /// <summary>The metrics on data set <paramref name="index"/> (0 = training, 1.. = validation sets in the order added).</summary>
    public unsafe double[] Evaluate(int index)
    {
        LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterGetEvalCounts(_handle, out var count), nameof(LightGbmNative.LGBM_BoosterGetEvalCounts));
        var result = new double[count];
        fixed (double* p = result)
        {
            LightGbmLibrary.Check(LightGbmNative.LGBM_BoosterGetEval(_handle, index, out var n, p), nameof(LightGbmNative.LGBM_BoosterGetEval));
            return result[..n];
        }
    }

    /// <summary>The model in LightGBM's text format, its first <paramref name="iterations"/> iterations (all when &lt;= 0).</summary>
    public unsafe string ToModelString(int iterations = 0)
    {
        var capacity = 1L << 20;
        while (true)
        {
            var buffer = new byte[capacity];
            long length;
            fixed (byte* p = buffer)
            {
                LightGbmLibrary.Check(
                    LightGbmNative.LGBM_BoosterSaveModelToString(_handle, 0, Math.Max(0, iterations), 0, capacity, out length, p),
                    nameof(LightGbmNative.LGBM_BoosterSaveModelToString));
            }

            if (length <= capacity)
            {
                // length counts the terminating NUL.
                return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
            }

            capacity = length;
        }
    }

    /// <summary>
    /// Predictions for <paramref name="rows"/> rows of <see cref="FeatureCount"/> features (row- or column-major, NaN =
    /// missing): <paramref name="kind"/> Normal gives one value per row, Contributions gives FeatureCount + 1 values per
    /// row (row-major), the expected value last. <paramref name="threads"/> &gt; 0 bounds LightGBM's OpenMP threads.
    /// </summary>
    public unsafe double[] Predict(ReadOnlySpan<double> values, int rows, bool rowMajor, LightGbmPrediction kind, int threads = 1)
    {
        if (rows < 1 || values.Length != (long)rows * FeatureCount)
        {
            throw new ArgumentException($"Expected {rows} x {FeatureCount} values, got {values.Length}.", nameof(values));
        }

        var width = kind == LightGbmPrediction.Contributions ? FeatureCount + 1 : 1;
        var result = new double[(long)rows * width];
        var parameters = threads > 0 ? $"num_threads={threads}" : string.Empty;
        fixed (double* x = values)
        fixed (double* r = result)
        {
            long length;
            if (rows == 1)
            {
                // The single-row entry point caches its predictor in the booster: no per-call setup.
                LightGbmLibrary.Check(
                    LightGbmNative.LGBM_BoosterPredictForMatSingleRow(_handle, x, LightGbmNative.DtypeFloat64, FeatureCount, 1, (int)kind, 0, -1, parameters, out length, r),
                    nameof(LightGbmNative.LGBM_BoosterPredictForMatSingleRow));
            }
            else
            {
                LightGbmLibrary.Check(
                    LightGbmNative.LGBM_BoosterPredictForMat(_handle, x, LightGbmNative.DtypeFloat64, rows, FeatureCount, rowMajor ? 1 : 0, (int)kind, 0, -1, parameters, out length, r),
                    nameof(LightGbmNative.LGBM_BoosterPredictForMat));
            }

            if (length != result.Length)
            {
                throw new LightGbmException($"LGBM_BoosterPredictForMat returned {length} values, expected {result.Length}.");
            }
        }

        return result;
    }

    /// <summary>Frees the booster (its data sets stay with their owner, who frees them after the booster).</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _data.Clear();
    }
}
