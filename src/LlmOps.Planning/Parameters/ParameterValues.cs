using System.Globalization;

namespace LlmOps.Planning;

/// <summary>Parses parameter text into typed values and formats them back, invariantly.</summary>
public static class ParameterValues
{
    /// <summary>Parses <paramref name="text"/> as <paramref name="type"/>; throws <see cref="FormatException"/> with a message for people.</summary>
    public static object? Parse(Type type, string text, string rootDirectory)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return text.Length == 0 ? null : Parse(underlying, text, rootDirectory);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var array = Array.CreateInstance(element, parts.Length);
            for (var i = 0; i < parts.Length; i++)
            {
                array.SetValue(Parse(element, parts[i], rootDirectory), i);
            }

            return array;
        }

        var ci = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, ci, out var i) ? i : throw Bad(text, "an integer"),
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, ci, out var l) ? l : throw Bad(text, "an integer"),
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, ci, out var d) ? d : throw Bad(text, "a number"),
            _ when type == typeof(float) => float.TryParse(text, NumberStyles.Float, ci, out var f) ? f : throw Bad(text, "a number"),
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Float, ci, out var m) ? m : throw Bad(text, "a number"),
            _ when type == typeof(bool) => ParseBool(text),
            _ when type == typeof(TimeSpan) => ParseTimeSpan(text),
            _ when type == typeof(Uri) => Uri.TryCreate(text, UriKind.Absolute, out var u) ? u : throw Bad(text, "an absolute URI"),
            _ when type == typeof(FileInfo) => new FileInfo(Path.GetFullPath(text, rootDirectory)),
            _ when type == typeof(DirectoryInfo) => new DirectoryInfo(Path.GetFullPath(text, rootDirectory)),
            _ when type.IsEnum => ParseEnum(type, text),
            _ => throw new FormatException($"parameters of type {type.Name} are not supported"),
        };
    }

    /// <summary>Formats a value the way it would be written on the command line.</summary>
    public static string Format(object? value) => value switch
    {
        null => "(none)",
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        FileSystemInfo f => f.FullName,
        Array a => string.Join(",", a.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A short type name for help text.</summary>
    public static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsEnum)
        {
            return string.Join("|", Enum.GetNames(type));
        }

        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(int) || type == typeof(long) => "int",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(TimeSpan) => "duration",
            _ when type == typeof(FileInfo) => "file",
            _ when type == typeof(DirectoryInfo) => "directory",
            _ when type == typeof(Uri) => "uri",
            _ when type.IsArray => TypeName(type.GetElementType()!) + "[]",
            _ => type.Name,
        };
    }

    /// <summary>Whether parameters of this type are supported.</summary>
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            t = t.GetElementType()!;
        }

        return t.IsEnum || t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
            || t == typeof(decimal) || t == typeof(bool) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(FileInfo)
            || t == typeof(DirectoryInfo);
    }

    private static bool ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "" or "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw Bad(text, "true or false"),
    };

    private static TimeSpan ParseTimeSpan(string text)
    {
        // Accept "90s", "15m", "6h", "2d" as people write them, and "hh:mm:ss".
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t : throw Bad(text, "a duration such as 90s, 15m, 6h or 01:30:00");
    }

    private static object ParseEnum(Type type, string text)
    {
        var match = Enum.GetNames(type).FirstOrDefault(n => ParameterNames.Normalize(n) == ParameterNames.Normalize(text));
        return match is not null ? Enum.Parse(type, match) : throw Bad(text, "one of " + string.Join(", ", Enum.GetNames(type)));
    }

    private static FormatException Bad(string text, string expected) => new($"'{text}' is not {expected}");
}
