namespace MeioForecast.Storage.Input;

/// <summary>The validation rules of the input contract (docs/input-format.md); each error names the rule it breaks.</summary>
public enum InputRule
{
    /// <summary>A required file is absent.</summary>
    MissingFile,

    /// <summary>A required column is absent from the header.</summary>
    MissingColumn,

    /// <summary>A row has a different number of fields than the header.</summary>
    FieldCount,

    /// <summary>A required field is empty.</summary>
    EmptyField,

    /// <summary>A number does not parse (invariant culture) or is not finite.</summary>
    UnparsableNumber,

    /// <summary>A date does not parse as yyyy-MM-dd.</summary>
    UnparsableDate,

    /// <summary>A value that must be non-negative is negative.</summary>
    NegativeValue,

    /// <summary>A value is outside its allowed range or set.</summary>
    OutOfRange,

    /// <summary>A sku, location or sku-node is referenced but not defined.</summary>
    UnknownReference,

    /// <summary>A key appears twice.</summary>
    DuplicateKey,

    /// <summary>The lanes of a sku form a cycle.</summary>
    NetworkCycle,

    /// <summary>A lane has no lead time.</summary>
    MissingLeadTime,

    /// <summary>A planned sku-node below the top of the network has no inbound lane.</summary>
    NoInboundLane,

    /// <summary>A weekly date is not on the weekday of the series' other dates.</summary>
    MisalignedDate,

    /// <summary>The file is not well-formed CSV: an unterminated quote, a field or record beyond the parser's bounds.</summary>
    MalformedCsv,

    /// <summary>The file is not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>The header names a column twice.</summary>
    DuplicateColumn,

    /// <summary>A required file has a header but no data rows.</summary>
    NoRows,

    /// <summary>A date is implausible: outside the supported years, or beyond a gap in demand.csv (a typo in the year).</summary>
    ImplausibleDate,

    /// <summary>Too little demand history to forecast from.</summary>
    InsufficientHistory,

    /// <summary>A lead-time distribution disagrees with the lane's declared lead_time_mean or lead_time_sd.</summary>
    InconsistentDistribution,

    /// <summary>A known signal a series has at its last demand period has no value on a forecast period.</summary>
    MissingFutureSignal,
}
