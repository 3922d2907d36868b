// The seed README's client example, in C#. Start a server first (`./vts serve`), then:
//   dotnet run --project examples/QuickStart -- http://localhost:8000
using VideoTranslation.Client;

var server = args.Length > 0 ? args[0] : "http://localhost:8000";

await using var client = new VideoTranslationClient(server, new TranslationConfig
{
    BaseTimeout = TimeSpan.FromSeconds(30),
    MinDelay = TimeSpan.FromSeconds(0.5),
    MaxDelay = TimeSpan.FromSeconds(3),
    ProgressiveDelay = true,
});

try
{
    // Start translation
    var operation = await client.StartTranslationAsync("en", "es");
    Console.WriteLine($"Started job {operation.JobId}");

    // Wait for completion
    var result = await client.WaitForCompletionAsync(operation.JobId);
    Console.WriteLine($"Translation completed: {result}");
    return 0;
}
catch (TranslationException ex)
{
    Console.Error.WriteLine($"Translation failed: {ex.ServerMessage} (job {ex.JobId})");
    return 1;
}
catch (TimeoutException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"Server unreachable: {ex.Message}");
    return 3;
}
