using System.Text;

namespace SpeechEmotion.Data.Corpora;

/// <summary>RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled quotes.</summary>
internal static class CsvRecords
{
    /// <summary>One record and the 1-based line it starts on.</summary>
    public readonly record struct Record(int Line, IReadOnlyList<string> Fields)
    {
        public bool IsBlank => Fields.Count == 1 && Fields[0].Trim().Length == 0;
    }

    /// <exception cref="InvalidDataException">A quoted field is not closed.</exception>
    public static List<Record> Parse(string text, string source)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var inQuotes = false;
        var quoteLine = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quoteLine = line;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new Record(recordLine, fields.ToArray()));
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (inQuotes)
            throw new InvalidDataException($"{source}: line {quoteLine}: quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields.ToArray()));
        }
        return records;
    }
}
