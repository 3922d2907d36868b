namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>A <c>POST /v1/jobs</c> body: the video as the <c>file</c> part (under its own file name), then the fields.</summary>
public static class UploadForm
{
    public static MultipartFormDataContent Create(string video, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(video)), "file", Path.GetFileName(video) } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}
