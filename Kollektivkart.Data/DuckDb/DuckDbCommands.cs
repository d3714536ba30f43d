using System.Data.Common;
using DuckDB.NET.Data;

namespace Kollektivkart.Data.DuckDb;

/// <summary>Small helpers for running SQL with named parameters ($name); values never go into the SQL text.</summary>
public static class DuckDbCommands
{
    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Create(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Create(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DbDataReader Query(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.Create(sql, parameters);
        return command.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    public static DuckDBCommand Create(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }
        return command;
    }
}
