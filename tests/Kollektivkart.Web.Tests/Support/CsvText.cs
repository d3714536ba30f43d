using System.Text;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>RFC 4180 records, quoted fields with commas, quotes and line breaks included.</summary>
public static class CsvText
{
    public static IReadOnlyList<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, "the CSV's last record is not ended by CRLF");
        return records;
    }
}
