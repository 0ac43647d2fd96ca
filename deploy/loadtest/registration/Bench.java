// Helper of run.sh and burst.sh (single-file Java program, run with the Kafka broker's classpath
// and platform/target/classes):
//   topics <bootstrap>                      create the Trunkline topics (3 partitions, compacted)
//   publish <bootstrap> <n> <sipp-port> [key]
//                                           publish n REGISTER trunks (600 s expiry) at once; with
//                                           a base64 key each has the password "bench-secret",
//                                           sealed for its trunk as trunk-config seals it
//   registered <http-port> <api-key>        print how many trunks are REGISTERED
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.crypto.TrunkSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

public class Bench {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "topics" -> {
        Properties p = new Properties();
        p.put("bootstrap.servers", args[1]);
        try (Admin admin = Admin.create(p)) {
          Map<String, String> compact = Map.of("cleanup.policy", "compact");
          admin
              .createTopics(
                  List.of(
                      new NewTopic("trunk.config.v1", 3, (short) 1).configs(compact),
                      new NewTopic("trunk.status.v1", 3, (short) 1).configs(compact)))
              .all()
              .get();
        }
      }
      case "publish" -> {
        Properties p = new Properties();
        p.put("bootstrap.servers", args[1]);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        int n = Integer.parseInt(args[2]);
        SecretKeyring keyring =
            args.length > 4 ? SecretKeyring.create(SecretSettings.singleKey(args[4])) : null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
          for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            String json =
                """
                {"schema":"trunk.config.v1","version":1,"at":"2026-11-26T00:00:00Z","id":"%s",
                 "name":"bench-%d","enabled":true,"host":"127.0.0.1","port":%s,"transport":"UDP",
                 "authMode":"REGISTER","username":"b%d","passwordEncrypted":%s,
                 "registerExpires":600,"optionsPing":false}"""
                    .formatted(id, i, args[3], i, sealed(keyring, id));
            producer.send(new ProducerRecord<>("trunk.config.v1", id, json));
          }
        }
      }
      case "registered" -> {
        HttpResponse<String> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + args[1] + "/api/v1/registrations"))
                        .header("Authorization", "Bearer " + args[2])
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        int count = 0;
        for (int i = body.indexOf("\"REGISTERED\"");
            i >= 0;
            i = body.indexOf("\"REGISTERED\"", i + 1)) {
          count++;
        }
        System.out.println(count);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static String sealed(SecretKeyring keyring, String trunkId) {
    return keyring == null
        ? "null"
        : "\"" + keyring.encrypt("bench-secret", TrunkSecrets.binding(trunkId)) + "\"";
  }
}
