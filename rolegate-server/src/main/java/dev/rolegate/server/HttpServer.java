package dev.rolegate.server;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.protocol.QueryHandler;
import dev.rolegate.protocol.Responses;
import dev.rolegate.sigv4.Header;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener (Netty): {@code /healthz}, the admin API under {@code /_rolegate/}, and the AWS
 * Query protocol on every other path. Bodies over the limit are refused with an AWS-shaped error;
 * requests run on a worker pool (the store may block), never on the event loop. One access-log line
 * per request, without credentials.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("rolegate.access");

  private final Rolegate rolegate;
  private final AdminApi admin;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          Math.max(8, Runtime.getRuntime().availableProcessors() * 4),
          r -> {
            Thread t = new Thread(r, "rolegate-worker");
            t.setDaemon(true);
            return t;
          });
  private Channel channel;

  public HttpServer(Rolegate rolegate) {
    this.rolegate = rolegate;
    this.admin = new AdminApi(rolegate);
  }

  /** Binds and returns the port (useful with port 0). */
  public int start() throws InterruptedException {
    ServerConfig config = rolegate.config();
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec(8192, 32 * 1024, 8192))
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new Aggregator(config.maxBodyBytes()))
                        .addLast(new Handler());
                  }
                });
    channel = b.bind(config.bind(), config.port()).sync().channel();
    int port = ((InetSocketAddress) channel.localAddress()).getPort();
    rolegate.listeningOn(port);
    return port;
  }

  /** Refuses oversize bodies with an AWS-shaped 413 instead of Netty's plain text. */
  private static final class Aggregator extends HttpObjectAggregator {
    Aggregator(int max) {
      super(max, true);
    }

    private FullHttpResponse tooLarge(boolean close) {
      Responses.HttpAnswer a =
          Responses.error(
              null,
              AwsErrorCode.REQUEST_ENTITY_TOO_LARGE,
              "The request body is larger than the limit of " + maxContentLength() + " bytes.",
              java.util.UUID.randomUUID().toString(),
              false);
      FullHttpResponse r = response(a.status(), a.contentType(), a.body(), a.requestId());
      if (close) {
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
      }
      return r;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      boolean close = oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized);
      ctx.writeAndFlush(tooLarge(close))
          .addListener(
              close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    protected Object newContinueResponse(
        HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
      Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
      if (answer instanceof HttpResponse r
          && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
        ReferenceCountUtil.release(answer);
        return tooLarge(true);
      }
      return answer;
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
      if (!msg.decoderResult().isSuccess()) {
        Responses.HttpAnswer a =
            Responses.error(
                null,
                AwsErrorCode.MALFORMED_QUERY_STRING,
                "The HTTP request could not be decoded.",
                "-",
                false);
        ctx.writeAndFlush(response(400, a.contentType(), a.body(), a.requestId()))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      long start = System.nanoTime();
      String uri = msg.uri();
      int q = uri.indexOf('?');
      String path = q < 0 ? uri : uri.substring(0, q);
      String query = q < 0 ? null : uri.substring(q + 1);
      List<Header> headers = new ArrayList<>();
      for (Map.Entry<String, String> h : msg.headers()) {
        headers.add(new Header(h.getKey(), h.getValue()));
      }
      byte[] body = ByteBufUtil.getBytes(msg.content());
      String remote =
          ctx.channel().remoteAddress() instanceof InetSocketAddress a
              ? a.getAddress().getHostAddress()
              : null;
      QueryHandler.Request request =
          new QueryHandler.Request(msg.method().name(), path, query, headers, body, remote, false);
      boolean keepAlive = HttpUtil.isKeepAlive(msg);
      pool.execute(
          () -> {
            FullHttpResponse response;
            String action = "-";
            try {
              if (path.equals("/healthz")) {
                response =
                    response(200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8), null);
              } else if (path.startsWith(
                  IssuerEndpoints.PREFIX)) { // unauthenticated: verifiers fetch them
                AdminApi.Answer a =
                    IssuerEndpoints.handle(rolegate.outbound(), request.method(), path);
                response = response(a.status(), "application/json", AdminApi.utf8(a.json()), null);
              } else if (path.startsWith("/_rolegate/")) {
                AdminApi.Answer a = admin.handle(request);
                response = response(a.status(), "application/json", AdminApi.utf8(a.json()), null);
              } else {
                Responses.HttpAnswer a = rolegate.queries().handle(request);
                response = response(a.status(), a.contentType(), a.body(), a.requestId());
                action = actionOf(query, body);
              }
            } catch (Throwable e) { // every request gets an answer, whatever failed
              String id = java.util.UUID.randomUUID().toString();
              LOG.error("request {} {} {} failed", id, request.method(), path, e);
              Responses.HttpAnswer a =
                  Responses.error(
                      null,
                      AwsErrorCode.INTERNAL_FAILURE,
                      "We encountered an internal error. Please try again.",
                      id,
                      false);
              response = response(a.status(), a.contentType(), a.body(), a.requestId());
            }
            HttpUtil.setKeepAlive(response, keepAlive);
            // the server's clock (the test clock in test mode): SDKs correct their clock skew from
            // it
            response
                .headers()
                .set(
                    HttpHeaderNames.DATE,
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        rolegate.clock().instant().atZone(java.time.ZoneOffset.UTC)));
            int status = response.status().code();
            var unused =
                ctx.writeAndFlush(
                    response); // a failed write means the client has gone: nothing to do
            ACCESS.info(
                "{} {} {} {} {} {}ms",
                remote,
                request.method(),
                path,
                action,
                status,
                (System.nanoTime() - start) / 1_000_000);
          });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("connection error: {}", cause.toString());
      var unused = ctx.close();
    }
  }

  /**
   * The Action parameter, for the access log only (never other parameters: they may hold secrets).
   */
  private static String actionOf(String query, byte[] body) {
    for (String text :
        new String[] {query, body == null ? null : new String(body, StandardCharsets.UTF_8)}) {
      if (text == null) {
        continue;
      }
      for (String pair : text.split("&")) {
        if (pair.startsWith("Action=")) {
          String a = pair.substring(7);
          return a.matches("[A-Za-z]{1,64}") ? a : "?";
        }
      }
    }
    return "-";
  }

  private static FullHttpResponse response(
      int status, String contentType, byte[] body, String requestId) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (requestId != null) {
      r.headers().set("x-amzn-RequestId", requestId);
    }
    return r;
  }

  /** Stops accepting, lets running requests finish (up to 10 s), then releases the store. */
  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    var unused = boss.shutdownGracefully(0, 1, TimeUnit.SECONDS); // not awaited: the pool below is
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
