using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// The S3 client with one fix in its pipeline: the SDK sends CopyObject's source key with '/' as
/// %2F, which s3rver (and some providers) do not decode; '/' unencoded is valid for S3 itself.
/// </summary>
internal sealed class PondS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // After marshalling, before signing: the header is part of the signature.
        pipeline.AddHandlerAfter<Marshaller>(new CopySourceSlashes());
    }

    private sealed class CopySourceSlashes : PipelineHandler
    {
        private const string Header = "x-amz-copy-source";

        public override void InvokeSync(IExecutionContext executionContext)
        {
            Fix(executionContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Fix(executionContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Fix(IExecutionContext context)
        {
            var headers = context.RequestContext.Request.Headers;
            if (headers.TryGetValue(Header, out var source))
            {
                headers[Header] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
