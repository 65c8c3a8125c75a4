using System.Globalization;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// Spreadsheet-formula neutralisation of output cells (OWASP "CSV injection"): a text cell starting with = + - @, a tab
/// or a carriage return is written with a leading apostrophe, which Excel, LibreOffice and Google Sheets show as text and
/// never evaluate. Numbers stay numbers: a cell that parses as an invariant-culture number (-3.5, +2, 1e-5) is kept as is.
/// Input ids cannot start with these characters (the input contract refuses them), so ids round-trip unchanged.
/// </summary>
public static class CsvCell
{
    /// <summary>The cell, neutralised when a spreadsheet would evaluate it.</summary>
    public static string Neutralize(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length == 0 || cell[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return cell;
        }

        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? cell : "'" + cell;
    }
}
