namespace Kollektivkart.Data.Demo;

/// <summary>What to generate: operating days From..From+Days-1; Scale 1 is about 1.5 million calls per weekday.</summary>
public sealed record DemoOptions(DateOnly From, int Days, double Scale = 0.05, int Seed = 1);

public sealed record DemoProgress(int DaysDone, int DaysTotal, long Rows, DateOnly? CurrentDay);

public sealed record DemoSummary(int Days, long Arrivals, int Stops, int Quays, int Operators, int Lines);
