<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>edis</name>
    <message>
        <location filename="../app/cli/clicommon.cpp" line="12" />
        <source>The Kafka cluster to talk to, host:port[,host:port…].</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/clicommon.cpp" line="15" />
        <source>A client property (librdkafka name), e.g. security.protocol=SASL_SSL. Repeatable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/clicommon.cpp" line="18" />
        <source>Seconds to wait for the cluster (default 15).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/clicommon.cpp" line="25" />
        <source>--bootstrap-server is required.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/clicommon.cpp" line="32" />
        <source>--property expects key=value, got '%1'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="50" />
        <source>unknown command '%1'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="27" />
        <source>Runs the embedded sandbox cluster (librdkafka's in-process Kafka-protocol cluster) with live traffic, prints its bootstrap address on the first line of standard output, and runs until interrupted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="32" />
        <source>Messages per second of live traffic (default 300; 0 for none).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="35" />
        <source>Number of brokers (default 3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="38" />
        <source>Stop after this many seconds (default: run until interrupted).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="50" />
        <source>--rate must be ≥ 0 and --brokers between 1 and 9.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/sandboxcommand.cpp" line="58" />
        <source>--duration must be a positive number of seconds.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::cli</name>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="63" />
        <source>Lists, describes, creates and deletes topics.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="66" />
        <source>List topic names.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="67" />
        <source>Describe partitions, leaders, replicas and ISR.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="68" />
        <source>Create a topic.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="69" />
        <source>Delete a topic.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="70" />
        <source>The topic.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="71" />
        <source>Partitions of a new topic (default 1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="72" />
        <source>Replication factor of a new topic (default: the broker's).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="73" />
        <source>A topic config of a new topic. Repeatable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="74" />
        <source>Leave out internal topics.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="75" />
        <source>Machine-readable output.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="84" />
        <source>Give exactly one of --list, --describe, --create, --delete.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="110" />
        <source>--create needs --topic and a positive --partitions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="116" />
        <source>--config expects key=value, got '%1'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="126" />
        <source>Created topic %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="131" />
        <source>--delete needs --topic.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="139" />
        <source>Deleted topic %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli/topicscommand.cpp" line="159" />
        <source>Topic '%1' does not exist.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::cluster::ClusterSession</name>
    <message>
        <location filename="../app/core/cluster/clustersession.cpp" line="53" />
        <source>Connecting to %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/cluster/clustersession.cpp" line="69" />
        <source>Disconnected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/cluster/clustersession.cpp" line="106" />
        <source>Not connected.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../app/core/cluster/clustersession.cpp" line="137" />
        <source>Connected to %1 — %n broker(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>edis::kafka</name>
    <message>
        <location filename="../app/core/kafka/connectionsettings.cpp" line="16" />
        <source>Invalid setting %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/connectionsettings.cpp" line="29" />
        <source>No bootstrap servers given (expected host:port).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::kafka::KafkaClient</name>
    <message>
        <location filename="../app/core/kafka/kafkaclient.cpp" line="133" />
        <source>No answer from %1 within %2 s. %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaclient.cpp" line="149" />
        <source>%1 is not supported by the embedded sandbox cluster: it serves produce, fetch, metadata and consumer groups, but no admin requests. Connect to a real Kafka cluster for this.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaclient.cpp" line="164" />
        <source>Unexpected reply from the client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaclient.cpp" line="176" />
        <source>Creating a topic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaclient.cpp" line="216" />
        <source>Deleting a topic</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::kafka::KafkaError</name>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="55" />
        <source>Host not found: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="60" />
        <source>Connection refused: nothing listens at that address. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="62" />
        <source>Cannot reach the cluster: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="65" />
        <source>The cluster did not answer in time. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="68" />
        <source>Authentication failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="70" />
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="73" />
        <source>Not supported by this cluster: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="75" />
        <source>The topic already exists. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/kafka/kafkaerror.cpp" line="78" />
        <source>No such topic. %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::metrics::OffsetSampler</name>
    <message>
        <location filename="../app/metrics/offsetsampler.cpp" line="178" />
        <source>Listing consumer groups timed out.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/metrics/offsetsampler.cpp" line="182" />
        <location filename="../app/metrics/offsetsampler.cpp" line="197" />
        <source>Cannot list consumer groups: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/metrics/offsetsampler.cpp" line="265" />
        <source>No answer for the group's committed offsets.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::models::ClusterTreeModel</name>
    <message>
        <location filename="../app/core/models/clustertreemodel.cpp" line="266" />
        <source>Brokers</source>
        <translation>Broker</translation>
    </message>
    <message>
        <location filename="../app/core/models/clustertreemodel.cpp" line="271" />
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../app/core/models/clustertreemodel.cpp" line="277" />
        <source>Broker %1</source>
        <translation>Broker %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/models/clustertreemodel.cpp" line="288" />
        <source>%n partition(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/models/clustertreemodel.cpp" line="291" />
        <source>%n under-replicated partition(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../app/core/models/clustertreemodel.cpp" line="313" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../app/core/models/clustertreemodel.cpp" line="313" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>edis::pipeline</name>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="76" />
        <source>%1: a port has no name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="84" />
        <source>%1: port '%2' has direction '%3' (expected input or output)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="101" />
        <source>%1: a property has no key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="105" />
        <source>%1: property '%2' has unknown type '%3'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="132" />
        <source>%1: a node descriptor has no id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="136" />
        <source>%1: category must be source, processor or sink</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::pipeline::Catalogue</name>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="263" />
        <source>%1: not an EDIS catalogue file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="266" />
        <source>%1: unsupported catalogue version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="272" />
        <source>%1: data type id '%2' is empty or repeated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="285" />
        <source>%1: node type '%2' is defined twice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="292" />
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="342" />
        <source>%1: no display name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="347" />
        <source>%1: port '%2' is defined twice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="351" />
        <source>%1: port '%2' has unknown data type '%3'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="356" />
        <source>%1: port '%2' takes its type from '%3', which is no enum property</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="361" />
        <source>%1: '%2' value '%3' is no data type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="371" />
        <source>%1: port '%2' copies the type of '%3', which is no input port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="378" />
        <source>%1: port '%2' repeats for '%3', which is no list property</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="388" />
        <source>%1: its ports do not fit its category %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="393" />
        <source>%1: property '%2' is defined twice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="397" />
        <source>%1: enum property '%2' has no values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="400" />
        <source>%1: default of '%2' does not fit its type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="404" />
        <source>%1: '%2' maps to target %3, which cannot express the node</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="410" />
        <source>%1: no export target can express it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="415" />
        <source>%1: unknown export target '%2'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="418" />
        <source>%1: export hint for %2 lacks kind or component</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="424" />
        <source>conversion %1 → %2 names an unknown data type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/pipeline/catalogue.cpp" line="427" />
        <source>conversion %1 → %2 suggests unknown node type '%3'</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::sandbox::SandboxCluster</name>
    <message>
        <location filename="../app/core/sandbox/sandboxcluster.cpp" line="49" />
        <source>Cannot start the sandbox: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/sandbox/sandboxcluster.cpp" line="57" />
        <source>Cannot start the sandbox: the embedded cluster did not open its listeners.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/sandbox/sandboxcluster.cpp" line="67" />
        <source>Cannot create sandbox topic %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/core/sandbox/sandboxcluster.cpp" line="94" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
</context>
<context>
    <name>edis::ui::ConnectDialog</name>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="40" />
        <source>Connect to a Kafka cluster</source>
        <translation>Mit einem Kafka-Cluster verbinden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="43" />
        <source>e.g. Production</source>
        <translation>z. B. Produktion</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="52" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="55" />
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="56" />
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-Server:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="57" />
        <source>Client &amp;properties:</source>
        <translation>Client-&amp;Eigenschaften:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="74" />
        <source>Enter at least one bootstrap server as host:port.</source>
        <translation>Mindestens einen Bootstrap-Server als Host:Port angeben.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="80" />
        <source>'%1' is not host:port.</source>
        <translation>„%1“ ist nicht Host:Port.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/connectdialog.cpp" line="88" />
        <source>Property line %1 is not key=value.</source>
        <translation>Eigenschaftszeile %1 ist nicht Schlüssel=Wert.</translation>
    </message>
</context>
<context>
    <name>edis::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="46" />
        <source>EDIS Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="62" />
        <source>Filter topics…</source>
        <translation>Topics filtern…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="80" />
        <source>&lt;h2&gt;EDIS Studio&lt;/h2&gt;&lt;p&gt;Select a cluster or a topic on the left, or connect to another cluster with &lt;b&gt;Cluster → Connect…&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="113" />
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="114" />
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="117" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="120" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="122" />
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="149" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="151" />
        <source> Sandbox traffic: </source>
        <translation> Sandbox-Verkehr: </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="156" />
        <source> msg/s</source>
        <translation> Nachr./s</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="158" />
        <source>Messages per second the sandbox produces; 0 pauses it.</source>
        <translation>Nachrichten pro Sekunde, die die Sandbox erzeugt; 0 pausiert sie.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="179" />
        <source>  %L1 events produced</source>
        <translation>  %L1 Ereignisse erzeugt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243" />
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258" />
        <source>%1 — retrying every %2 s</source>
        <translation>%1 — neuer Versuch alle %2 s</translation>
    </message>
</context>
<context>
    <name>edis::ui::OverviewPage</name>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="40" />
        <source>Cluster id:</source>
        <translation>Cluster-ID:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="41" />
        <source>Controller:</source>
        <translation>Controller:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="42" />
        <source>Brokers:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="43" />
        <source>Topics:</source>
        <translation>Topics:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="44" />
        <source>Partitions:</source>
        <translation>Partitionen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="45" />
        <source>Health:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="48" />
        <source>Broker id</source>
        <translation>Broker-ID</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="48" />
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="48" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="57" />
        <source>Brokers</source>
        <translation>Broker</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="64" />
        <location filename="../ui/pages/overviewpage.cpp" line="67" />
        <source>(not reported)</source>
        <translation>(nicht gemeldet)</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="67" />
        <source>broker %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="80" />
        <source>All partitions in sync</source>
        <translation>Alle Partitionen synchron</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="81" />
        <source>%1 under-replicated, %2 offline partition(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="85" />
        <source>%1 (controller)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>edis::ui::TopicPage</name>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="35" />
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="35" />
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="35" />
        <source>Replicas</source>
        <translation>Replikate</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="35" />
        <source>In-sync replicas</source>
        <translation>Synchrone Replikate</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="35" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="52" />
        <source>This topic no longer exists on the cluster.</source>
        <translation>Dieses Topic existiert im Cluster nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/topicpage.cpp" line="56" />
        <source>%n partition(s), replication factor %1</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="62" />
        <source>In sync</source>
        <translation>Synchron</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="64" />
        <source>Offline (no leader)</source>
        <translation>Offline (kein Leader)</translation>
    </message>
    <message>
        <location filename="../ui/pages/topicpage.cpp" line="66" />
        <source>Under-replicated</source>
        <translation>Unterrepliziert</translation>
    </message>
</context>
<context>
    <name>edis::widgets::StatusIndicator</name>
    <message>
        <location filename="../widgets/statusindicator.cpp" line="46" />
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../ui/main.cpp" line="35" />
        <source>Event-driven integration studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="39" />
        <source>Also connect to this Kafka cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="40" />
        <source>Do not start the embedded sandbox cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="41" />
        <source>Sandbox traffic in messages per second (default 300).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="42" />
        <source>Save a screenshot of the window to this PNG file after --screenshot-delay ms, then quit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="43" />
        <source>Delay before the screenshot (default 4000 ms).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main.cpp" line="58" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
</context>
</TS>