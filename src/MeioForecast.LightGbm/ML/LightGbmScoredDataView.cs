using Microsoft.ML;
using Microsoft.ML.Data;

namespace MeioForecast.LightGbm.ML;

/// <summary>The input data with the score column appended, computed lazily row by row as a cursor moves.</summary>
internal sealed class LightGbmScoredDataView(IDataView input, LightGbmQuantileTransformer model) : IDataView
{
    public bool CanShuffle => input.CanShuffle;

    public DataViewSchema Schema { get; } = OutputSchema(input.Schema, model.Options.ScoreColumnName);

    public static DataViewSchema OutputSchema(DataViewSchema input, string score)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(score, NumberDataViewType.Single);
        return builder.ToSchema();
    }

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var scoreIndex = input.Schema.Count;
        var scoreActive = needed.Any(c => c.Index == scoreIndex);
        var inputColumns = needed.Where(c => c.Index < scoreIndex).Select(c => input.Schema[c.Index]).ToList();
        var features = DataViewMatrix.Find(input.Schema, model.Options.FeatureColumnName);
        if (scoreActive && inputColumns.All(c => c.Index != features.Index))
        {
            inputColumns.Add(features);
        }

        return new Cursor(this, input.GetRowCursor(inputColumns, rand), scoreActive, features);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly LightGbmScoredDataView _parent;
        private readonly DataViewRowCursor _input;
        private readonly bool _scoreActive;
        private readonly double[] _row;
        private readonly Action? _readFeatures;
        private long _scoredPosition = -1;
        private float _score;

        public Cursor(LightGbmScoredDataView parent, DataViewRowCursor input, bool scoreActive, DataViewSchema.Column features)
        {
            _parent = parent;
            _input = input;
            _scoreActive = scoreActive;
            _row = new double[parent.Model.FeatureCount];
            _readFeatures = scoreActive ? DataViewMatrix.Getter(input, features, _row) : null;
        }

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override DataViewSchema Schema => _parent.Schema;

        public override bool MoveNext() => _input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < _input.Schema.Count ? _input.IsColumnActive(_input.Schema[column.Index]) : _scoreActive;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < _input.Schema.Count)
            {
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            }

            if (!_scoreActive || typeof(TValue) != typeof(float))
            {
                throw new InvalidOperationException($"The score column is {(_scoreActive ? "Single" : "not active")}.");
            }

            ValueGetter<float> getter = (ref float value) =>
            {
                if (_scoredPosition != _input.Position)
                {
                    _readFeatures!();
                    _score = (float)_parent.Model.Booster.Predict(_row, 1, rowMajor: true, LightGbmPrediction.Normal, _parent.Model.Options.NumThreads)[0];
                    _scoredPosition = _input.Position;
                }

                value = _score;
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private LightGbmQuantileTransformer Model => model;
}
