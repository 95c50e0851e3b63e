// DynamoDB Local listening on one interface: its own main (ServerRunner) gives Jetty a connector on
// every interface and has no option for the host, so this sets the host on that connector before
// starting it. Arguments: <host> followed by DynamoDB Local's own (-port, -inMemory, -dbPath ...).
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field server = DynamoDBProxyServer.class.getDeclaredField("server");
    server.setAccessible(true);
    for (Connector connector : ((Server) server.get(proxy)).getConnectors()) ((ServerConnector) connector).setHost(args[0]);
    proxy.start();
  }
}
