using Microsoft.ML;
using Microsoft.ML.Data;

namespace MeioForecast.LightGbm.ML;

/// <summary>Reads a features vector column (and optional scalar columns) of an IDataView into a dense row-major float64 matrix.</summary>
internal static class DataViewMatrix
{
    /// <summary>The features' width: a known-size vector of Single (or a Single scalar, width 1).</summary>
    public static int Width(DataViewSchema schema, string features)
    {
        var column = Find(schema, features);
        return column.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } v when n.RawType == typeof(float) => v.Size,
            NumberDataViewType n when n.RawType == typeof(float) => 1,
            var t => throw new ArgumentOutOfRangeException(nameof(features), features, $"Column '{features}' must be a known-size vector of Single, not {t}."),
        };
    }

    /// <summary>The column named <paramref name="name"/>, or an exception naming it.</summary>
    public static DataViewSchema.Column Find(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"The data has no column '{name}'.");

    /// <summary>Every row: features row-major, and each scalar column (Single) as double.</summary>
    public static (double[] Values, int Rows, double[][] Scalars) Read(IDataView data, string features, params string[] scalars)
    {
        var width = Width(data.Schema, features);
        var featureColumn = Find(data.Schema, features);
        var scalarColumns = scalars.Select(s => Find(data.Schema, s)).ToArray();
        foreach (var c in scalarColumns)
        {
            if (c.Type != NumberDataViewType.Single)
            {
                throw new ArgumentOutOfRangeException(nameof(scalars), c.Name, $"Column '{c.Name}' must be Single, not {c.Type}.");
            }
        }

        var values = new List<double>();
        var scalarValues = scalars.Select(_ => new List<double>()).ToArray();
        using var cursor = data.GetRowCursor([featureColumn, .. scalarColumns]);
        var row = new double[width];
        var getFeatures = Getter(cursor, featureColumn, row);
        var getScalars = scalarColumns.Select(c => cursor.GetGetter<float>(c)).ToArray();
        var rows = 0;
        while (cursor.MoveNext())
        {
            getFeatures();
            values.AddRange(row);
            for (var s = 0; s < getScalars.Length; s++)
            {
                float v = 0;
                getScalars[s](ref v);
                scalarValues[s].Add(v);
            }

            rows++;
        }

        return (values.ToArray(), rows, scalarValues.Select(v => v.ToArray()).ToArray());
    }

    /// <summary>An action that densifies the current row's features into <paramref name="row"/> (absent slots = 0, NaN kept).</summary>
    public static Action Getter(DataViewRow cursor, DataViewSchema.Column column, double[] row)
    {
        if (column.Type is NumberDataViewType)
        {
            var scalar = cursor.GetGetter<float>(column);
            return () =>
            {
                float v = 0;
                scalar(ref v);
                row[0] = v;
            };
        }

        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        return () =>
        {
            getter(ref buffer);
            Array.Clear(row);
            var values = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    row[i] = values[i];
                }
            }
            else
            {
                var indices = buffer.GetIndices();
                for (var i = 0; i < values.Length; i++)
                {
                    row[indices[i]] = values[i];
                }
            }
        };
    }
}
