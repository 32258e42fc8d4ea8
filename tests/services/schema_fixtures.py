#!/usr/bin/env python3
"""Independent encoder and decoder of schema-framed test data for EDIS Studio's tests.

Confluent's own Python client (confluent-kafka with its Avro, Protobuf and JSON Schema
serializers, from the environment that tests/services/pyenv.sh makes) writes records in the
Confluent wire format to a real broker against a real Schema Registry, reads them back with its
deserializers, and writes what it read to expected.json, so a C++ test can compare EDIS's decoding
field by field with a decoder that is not EDIS's.

  schema_fixtures.py produce --bootstrap B --registry URL [--topic-prefix P] --out expected.json
  schema_fixtures.py read --bootstrap B --registry URL --topic T --format avro|protobuf|json
                          [--count N] [--message FULL.NAME] [--with-metadata]

--bootstrap and --registry default to $EDIS_TEST_KAFKA_BOOTSTRAP and $EDIS_TEST_REGISTRY_URL.
Everything is fixed (values, record timestamps, the order of registration): no randomness.
The JSON mapping of decoded values is described in tests/services/README.md ("expected.json").
"""

import argparse
import base64
import datetime
import decimal
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")
PROTO_ROOT = os.path.join(SCHEMAS, "protobuf")
UTC = datetime.timezone.utc
# Record timestamps: 2026-01-01T00:00:00Z plus one second per record of a topic.
BASE_TIMESTAMP_MS = 1767225600000
# A schema id no fresh registry has.
UNKNOWN_SCHEMA_ID = 999999

# Protobuf's pure-Python implementation writes map entries in insertion order; the default (upb)
# writes them in a hash order that changes from run to run, and the fixtures' bytes must not.
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"

try:
    from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
    from confluent_kafka import OFFSET_BEGINNING
    from confluent_kafka import __version__ as CONFLUENT_KAFKA_VERSION
    from confluent_kafka.admin import AdminClient, NewTopic
    from confluent_kafka.schema_registry import RegisteredSchema, Schema, SchemaReference, SchemaRegistryClient
    from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
    from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
    from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext, StringSerializer
    import fastavro
    import fastavro.io.json_encoder
    import google.protobuf
    from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
    # The well-known types, in the default pool for schemas that import them.
    from google.protobuf import any_pb2, duration_pb2, empty_pb2, field_mask_pb2  # noqa: F401
    from google.protobuf import struct_pb2, timestamp_pb2, wrappers_pb2  # noqa: F401
except ImportError as exc:  # pragma: no cover - environment problem, said clearly
    sys.exit("schema_fixtures.py: error: %s; run it with the python of `tests/services/pyenv.sh ensure`" % exc)


def log(msg):
    print("schema_fixtures.py: " + msg, file=sys.stderr)


def die(msg):
    log("error: " + msg)
    sys.exit(1)


def read_text(*parts):
    with open(os.path.join(SCHEMAS, *parts), encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------------------- JSON mapping
def _fraction_spec(micro):
    return "milliseconds" if micro % 1000 == 0 else "microseconds"


def to_json(value):
    """Python value as the Confluent deserializers return it -> JSON-serialisable value.

    bytes/fixed: standard base64 with padding; decimal.Decimal: plain-notation string with the
    schema's scale ("12345678.90"); date: "YYYY-MM-DD"; time: "HH:MM:SS.mmm" (or .ffffff when it
    has microseconds); datetime: ISO-8601 in UTC with "Z", 3 fraction digits when the value is whole
    milliseconds, else 6; UUID: lower-case hyphenated; Protobuf messages: proto3 JSON mapping with
    the .proto field names (int64 as strings, enums by name, bytes base64, unset fields omitted).
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None).isoformat(timespec=_fraction_spec(value.microsecond)) + "Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec=_fraction_spec(value.microsecond))
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, google.protobuf.message.Message):
        return json_format.MessageToDict(value, preserving_proto_field_name=True)
    raise TypeError("no JSON mapping for %r (%s)" % (value, type(value).__name__))


class _AvroJSONEncoder(fastavro.io.json_encoder.AvroJSONEncoder):
    """fastavro 1.13's encoder refuses an empty map key ("No key was set": it tests the key for
    truth, not for None); "" is a valid Avro map key and one fixture has it."""

    def write_value(self, value):
        if isinstance(self._current, dict) and self._key == "":
            self._current[""] = value
        else:
            super().write_value(value)


def avro_json_encoding(parsed_schema, value):
    """The Avro specification's JSON encoding of value, as fastavro's json_writer writes it:
    non-null union values wrapped as {"type name": value}, bytes and fixed as strings of code
    points U+0000..U+00FF, logical types as their underlying type (date: days, timestamps: epoch
    millis/micros, decimal: the two's-complement bytes)."""
    if value is None:
        return None
    out = io.StringIO()
    fastavro.json_writer(out, parsed_schema, [value], encoder=_AvroJSONEncoder)
    return json.loads(out.getvalue())


# ---------------------------------------------------------------------------- wire format
def parse_framing(data, protobuf=False):
    """(schema_id, message_indexes or None, payload offset) of Confluent-framed bytes, or None."""
    if data is None or len(data) < 5 or data[0] != 0:
        return None
    schema_id = int.from_bytes(data[1:5], "big")
    if not protobuf:
        return schema_id, None, 5
    pos = 5

    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            if pos >= len(data):
                raise ValueError("message index list runs past the end")
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return (result >> 1) ^ -(result & 1)  # zigzag

    count = varint()
    indexes = [varint() for _ in range(count)] if count else [0]
    return schema_id, indexes, pos


# ---------------------------------------------------------------------------- Protobuf classes
def generate_protobuf(work_dir):
    """Python classes for the fixture .proto files, made with Debian's protoc at run time."""
    protoc = shutil.which("protoc")
    if not protoc:
        die("protoc not found (apt-get install protobuf-compiler)")
    out = os.path.join(work_dir, "protobuf-python")
    os.makedirs(out, exist_ok=True)
    files = ["edis/fixtures/common.proto", "edis/fixtures/catalog.proto"]
    proc = subprocess.run([protoc, "-I", PROTO_ROOT, "--python_out=" + out] + files,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        die("protoc failed: " + proc.stderr.strip())
    sys.path.insert(0, out)
    try:
        from edis.fixtures import catalog_pb2, common_pb2  # noqa: E402  (generated just now)
    except Exception as exc:  # noqa: BLE001 - any failure here is the same problem
        die("the code protoc (%s) generated does not import with protobuf %s: %s"
            % (subprocess.run([protoc, "--version"], capture_output=True, text=True).stdout.strip(),
               google.protobuf.__version__, exc))
    return catalog_pb2, common_pb2


def message_class_at(file_proto, indexes, pool):
    """The message class at a Confluent message-index path in a FileDescriptorProto."""
    messages = file_proto.message_type
    names = []
    for i in indexes:
        if i < 0 or i >= len(messages):
            raise ValueError("message index %s not in %s" % (indexes, file_proto.name))
        names.append(messages[i].name)
        messages = messages[i].nested_type
    full_name = ".".join(([file_proto.package] if file_proto.package else []) + names)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(full_name))


def file_proto_of(module):
    fdp = descriptor_pb2.FileDescriptorProto()
    module.DESCRIPTOR.CopyToProto(fdp)
    return fdp


# ---------------------------------------------------------------------------- clients
def is_serialized_descriptor(schema_str):
    try:
        descriptor_pb2.FileDescriptorProto.FromString(base64.b64decode(schema_str, validate=True))
    except Exception:  # noqa: BLE001 - anything else is .proto text
        return False
    return True


class ApicurioCompatClient(SchemaRegistryClient):
    """Confluent's client, except for Protobuf schemas asked for in the "serialized" format.

    Confluent's ProtobufDeserializer fetches the writer schema with ?format=serialized (a base64
    FileDescriptorProto). Apicurio 3.3.3 answers that with HTTP 500 for a schema stored as a base64
    FileDescriptorProto (it parses it as .proto text: "Syntax error in Product.proto:1:1"), which is
    how Confluent's serializer registers Protobuf; for a schema stored as .proto text it returns the
    raw descriptor bytes, not base64, with wrong import names. So this client asks for the stored
    form and, when that is .proto text, compiles it with protoc into the base64 FileDescriptorProto
    Confluent's registry would return. The decoding itself stays Confluent's."""

    def get_associations_by_resource_name(self, *args, **kwargs):
        """No associations: the subjects are named by topic, as Confluent's older clients did.

        confluent-kafka 2.16's serializers first ask the registry which subject is associated
        with the topic (GET /associations/resources/...). Apicurio does not serve that API, and a
        fair share of those requests (4 of 12 runs here) were never answered, so the fixtures hung
        until the test gave up. An empty answer makes the serializer use its fallback, the topic
        name strategy, without asking."""
        return []

    def get_schema(self, schema_id, subject_name=None, fmt=None, reference_format=None):
        schema = super().get_schema(schema_id, subject_name, None, reference_format)
        return self._serialized(schema) if fmt == "serialized" else schema

    def get_version(self, subject_name, version="latest", deleted=False, fmt=None):
        registered = super().get_version(subject_name, version, deleted, None)
        if fmt != "serialized":
            return registered
        return RegisteredSchema(registered.subject, registered.version, registered.schema_id,
                                registered.guid, self._serialized(registered.schema))

    def _serialized(self, schema):
        if schema.schema_type != "PROTOBUF" or is_serialized_descriptor(schema.schema_str):
            return schema
        with tempfile.TemporaryDirectory(prefix="edis-proto.") as tmp:
            def write(name, text, refs):
                path = os.path.join(tmp, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                for ref in refs or []:
                    if ref.name.startswith("google/protobuf/") or os.path.exists(os.path.join(tmp, ref.name)):
                        continue
                    referenced = super(ApicurioCompatClient, self).get_version(ref.subject, ref.version, True)
                    if is_serialized_descriptor(referenced.schema.schema_str):
                        raise ValueError("reference %s is a serialized descriptor inside .proto text"
                                         % ref.name)
                    write(ref.name, referenced.schema.schema_str, referenced.schema.references)

            write("schema.proto", schema.schema_str, schema.references)
            out = os.path.join(tmp, "schema.pb")
            proc = subprocess.run(["protoc", "-I", tmp, "--descriptor_set_out=" + out, "schema.proto"],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise ValueError("protoc cannot compile the registry's .proto text: " + proc.stderr.strip())
            with open(out, "rb") as f:
                fds = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        return Schema(base64.b64encode(fds.file[0].SerializeToString()).decode("ascii"), "PROTOBUF",
                      schema.references, schema.metadata, schema.rule_set)


def registry_client(args):
    # A request the registry does not answer fails after 30 s instead of hanging the test.
    conf = {"url": args.registry, "timeout": 30}
    if args.registry_user_info:
        conf["basic.auth.user.info"] = args.registry_user_info
    return ApicurioCompatClient(conf)


def create_topics(bootstrap, topics):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    # retention.ms=-1: the records carry fixed timestamps (2026-01-01), which the broker's time
    # retention (7 days by default) would otherwise delete as soon as they are older than that.
    futures = admin.create_topics([NewTopic(t, num_partitions=1, replication_factor=1,
                                            config={"retention.ms": "-1"}) for t in topics],
                                  operation_timeout=30)
    for topic, fut in futures.items():
        try:
            fut.result(timeout=60)
        except KafkaException as exc:
            die("cannot create topic %s: %s (use a new --topic-prefix on a broker that has it)"
                % (topic, exc.args[0].str()))


def iter_records(bootstrap, topic, expected_count=None, timeout=30.0):
    """The records of a topic from the beginning, as they arrive: up to the end offsets seen at
    the start, or expected_count records. Fails (exit 1) when they do not come within timeout."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "edis-schema-fixtures",
                         "enable.auto.commit": False, "auto.offset.reset": "earliest",
                         "enable.partition.eof": False})
    try:
        meta = consumer.list_topics(topic, timeout=timeout)
        tmeta = meta.topics.get(topic)
        if tmeta is None or tmeta.error is not None:
            die("topic %s not found on %s" % (topic, bootstrap))
        partitions = sorted(tmeta.partitions)
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=timeout)[1]
                for p in partitions}
        if expected_count is None:
            starts = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=timeout)[0]
                      for p in partitions}
            wanted = sum(ends[p] - starts[p] for p in partitions)
        else:
            wanted = expected_count
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        seen = 0
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
        while seen < wanted:
            if datetime.datetime.now() > deadline:
                die("read %d of %d records of %s within %.0f s" % (seen, wanted, topic, timeout))
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                die("consuming %s: %s" % (topic, msg.error().str()))
            if expected_count is None and msg.offset() >= ends[msg.partition()]:
                continue
            seen += 1
            yield msg
    finally:
        consumer.close()


def consume_all(bootstrap, topic, expected_count=None, timeout=30.0):
    """iter_records as a list in partition, then offset order."""
    return sorted(iter_records(bootstrap, topic, expected_count, timeout),
                  key=lambda m: (m.partition(), m.offset()))


# ---------------------------------------------------------------------------- fixture values
def avro_everything_values():
    """(case, key, value) for the Avro topic: every feature, extremes, and a tombstone."""
    berlin = {"street": "Hauptstraße 1", "city": "Berlin", "zip": None, "country": "DE"}
    return [
        ("avro-zero-values", {"id": 0, "region": "eu-central"}, {
            "id": 0, "count": 0, "ratio": 0.0, "score": 0.0, "active": False, "name": "",
            "payload": b"", "status": "NEW", "checksum": bytes(16), "tags": [], "attributes": {},
            "nickname": None, "contact": {"address": "ada@example.org"}, "home": berlin,
            "second_home": None, "inner": {"level": 0, "deeper": {"flag": False, "previous_status": None}},
            "amount": decimal.Decimal("0.00"), "birthday": datetime.date(1970, 1, 1),
            "alarm": datetime.time(0, 0, 0), "created_ms": datetime.datetime(1970, 1, 1, tzinfo=UTC),
            "created_us": datetime.datetime(1970, 1, 1, tzinfo=UTC),
            "uuid": uuid.UUID("00000000-0000-0000-0000-000000000000"), "retries": 3, "label": "none",
        }),
        ("avro-full", {"id": 1, "region": "eu-central"}, {
            "id": 9223372036854775807, "count": 2147483647, "ratio": 0.25, "score": -1234.5,
            "active": True, "name": "Grüße, 世界 ✓", "payload": bytes([0, 1, 2, 127, 128, 254, 255]),
            "status": "ACTIVE", "checksum": bytes(range(16)), "tags": ["alpha", "beta", "gamma"],
            "attributes": {"a": 1, "b": -2, "beyond_double": 9007199254740993},
            "nickname": "Ada", "contact": {"number": "+49 30 1234567", "extension": 42},
            "home": dict(berlin, zip="10115"),
            "second_home": {"street": "Rue de Rivoli 5", "city": "Paris", "zip": "75001", "country": "FR"},
            "inner": {"level": 2, "deeper": {"flag": True, "previous_status": "SUSPENDED"}},
            "amount": decimal.Decimal("12345678.90"), "birthday": datetime.date(2000, 2, 29),
            "alarm": datetime.time(23, 59, 59, 999000),
            "created_ms": datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=UTC),
            "created_us": datetime.datetime(2024, 2, 29, 12, 34, 56, 789123, tzinfo=UTC),
            "uuid": uuid.UUID("123e4567-e89b-12d3-a456-426614174000"), "retries": 7, "label": "full",
        }),
        ("avro-negative-and-escapes", {"id": 2, "region": "us-east"}, {
            "id": -9223372036854775808, "count": -2147483648, "ratio": -1.5, "score": 0.125,
            "active": False, "name": "line\nbreak \"quoted\" \\ tab\t", "payload": b"\x00",
            "status": "SUSPENDED", "checksum": bytes([255] * 16), "tags": [""], "attributes": {"": 0},
            "nickname": "", "contact": {"number": "110", "extension": None}, "home": berlin,
            "second_home": None, "inner": {"level": -1, "deeper": {"flag": True, "previous_status": "NEW"}},
            "amount": decimal.Decimal("-0.05"), "birthday": datetime.date(1969, 7, 20),
            "alarm": datetime.time(12, 0, 0, 1000),
            "created_ms": datetime.datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC),
            "created_us": datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            "uuid": uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff"), "retries": 0, "label": "",
        }),
        ("avro-tombstone", {"id": 3, "region": "us-east"}, None),
    ]


def evolution_values():
    """(case, writer version, key, value): records written by both versions, interleaved."""
    return [
        ("evolution-v1-first", 1, "order-1", {"id": 1, "amount": 9.75}),
        ("evolution-v2", 2, "order-2", {"id": 2, "amount": 20.5, "currency": "USD", "note": "express"}),
        ("evolution-v1-after-v2", 1, "order-3", {"id": 3, "amount": 0.5}),
        ("evolution-v2-defaults", 2, "order-4", {"id": 4, "amount": 1.25, "currency": "EUR", "note": None}),
    ]


def protobuf_values(catalog, common):
    """(case, message) for the Protobuf topic: three message types, so indexes [0], [1], [1, 0]."""
    money = common.Money
    product = catalog.Product(
        sku="BK-1", title="Der Zauberberg", price=money(currency_code="EUR", units=24, nanos=990000000),
        tags=["novel", "classic"], labels={"lang": "de", "format": "paperback"},
        category=catalog.Product.BOOKS, thumbnail=bytes([0x89, 0x50, 0x4E, 0x47, 0, 255]), in_stock=True,
        weight_kg=0.75, rating=4.5, delta=-17, views=18446744073709551615, code=4294967295,
        sizes=[1, -2, 300])
    order = catalog.Order(
        order_id="ORD-1", lines=[
            catalog.Order.Line(sku="BK-1", quantity=2, unit_price=money(currency_code="EUR", units=24,
                                                                        nanos=990000000)),
            catalog.Order.Line(sku="TL-9", quantity=1, unit_price=money(currency_code="EUR", units=5)),
        ], card=catalog.Order.Card(holder="A. Lovelace", last4="4242"),
        counters={"views": 9007199254740993, "clicks": -1}, priority=common.PRIORITY_HIGH,
        status=catalog.Order.PLACED, comment="")
    order.placed_at.FromDatetime(datetime.datetime(2024, 2, 29, 12, 34, 56, 789000))
    voucher = catalog.Order(order_id="ORD-2", voucher_code="WINTER25", status=catalog.Order.SHIPPED)
    voucher.placed_at.FromSeconds(0)
    line = catalog.Order.Line(sku="TL-9", quantity=3, unit_price=money(currency_code="USD", nanos=500000000))
    return [
        ("protobuf-product", product),
        ("protobuf-order-card", order),
        ("protobuf-order-voucher", voucher),
        ("protobuf-nested-line", line),
        ("protobuf-empty-product", catalog.Product()),
    ]


def json_values():
    return [
        ("json-full", {"payment_id": "PAY-1", "amount": 12.5, "currency": "EUR", "quantity": 2,
                       "captured": True, "tags": ["web"],
                       "payer": {"name": "Ada", "email": "ada@example.org"}, "note": None}),
        ("json-required-only", {"payment_id": "PAY-2", "amount": 0, "currency": "GBP"}),
        ("json-bounds", {"payment_id": "PAY-3", "amount": 999999.75, "currency": "USD", "quantity": 100,
                         "captured": False, "tags": [], "payer": {"name": "Zoë"}, "note": "ünïcode"}),
    ]


# ---------------------------------------------------------------------------- produce
class Fixtures:
    def __init__(self, args, work_dir):
        self.args = args
        self.prefix = args.topic_prefix
        self.topics = {
            "avro": self.prefix + ".avro",
            "avro_evolution": self.prefix + ".avro-evolution",
            "protobuf": self.prefix + ".protobuf",
            "json": self.prefix + ".json",
            "bad": self.prefix + ".bad",
        }
        self.client = registry_client(args)
        self.catalog, self.common = generate_protobuf(work_dir)
        # Not idempotent: a KRaft broker can answer InitProducerId with COORDINATOR_LOAD_IN_PROGRESS
        # for minutes while its producer-id block is fetched (seen in CI on Kafka 3.9), and these
        # fixtures need no producer id. One request in flight keeps each topic in order on retry;
        # a bounded message timeout turns a stuck broker into a delivery error that says so.
        self.producer = Producer({"bootstrap.servers": args.bootstrap, "acks": "all",
                                  "max.in.flight.requests.per.connection": 1,
                                  "message.timeout.ms": 30000, "linger.ms": 0})
        self.sent = {}  # topic -> list of dicts describing each produced record, in order
        self.delivery_errors = []

    # -- producing
    def _delivered(self, err, _msg):
        if err is not None:
            self.delivery_errors.append(err.str())

    def send(self, topic, case, key_bytes, value_bytes, **meta):
        items = self.sent.setdefault(topic, [])
        self.producer.produce(topic, key=key_bytes, value=value_bytes,
                              headers=[("fixture", case.encode())],
                              timestamp=BASE_TIMESTAMP_MS + 1000 * len(items), on_delivery=self._delivered)
        items.append(dict(case=case, key_bytes=key_bytes, value_bytes=value_bytes, **meta))
        self.producer.poll(0)

    def flush(self):
        left = self.producer.flush(30)
        if left or self.delivery_errors:
            die("delivery failed: %d undelivered, errors: %s" % (left, "; ".join(self.delivery_errors)))

    @staticmethod
    def ctx(topic, field=MessageField.VALUE):
        return SerializationContext(topic, field)

    def produce_avro(self):
        topic = self.topics["avro"]
        address_subject = "edis.fixtures.Address"
        address = Schema(read_text("avro", "address.avsc"), "AVRO")
        self.client.register_schema(address_subject, address)
        address_version = self.client.lookup_schema(address_subject, address).version
        everything = Schema(read_text("avro", "everything.avsc"), "AVRO",
                            references=[SchemaReference("edis.fixtures.Address", address_subject,
                                                        address_version)])
        value_ser = AvroSerializer(self.client, everything)
        key_ser = AvroSerializer(self.client, read_text("avro", "everything-key.avsc"))
        for case, key, value in avro_everything_values():
            self.send(topic, case, key_ser(key, self.ctx(topic, MessageField.KEY)),
                      value_ser(value, self.ctx(topic)), sent_value=value, sent_key=key)

    def produce_evolution(self):
        topic = self.topics["avro_evolution"]
        serializers = {1: AvroSerializer(self.client, read_text("avro", "order-v1.avsc")),
                       2: AvroSerializer(self.client, read_text("avro", "order-v2.avsc"))}
        key_ser = StringSerializer("utf_8")
        for case, version, key, value in evolution_values():
            self.send(topic, case, key_ser(key), serializers[version](value, self.ctx(topic)),
                      sent_value=value, sent_key=key)

    def produce_protobuf(self):
        topic = self.topics["protobuf"]
        serializers = {}
        for case, msg in protobuf_values(self.catalog, self.common):
            cls = type(msg)
            if cls not in serializers:
                serializers[cls] = ProtobufSerializer(cls, self.client)
            self.send(topic, case, None, serializers[cls](msg, self.ctx(topic)), sent_value=msg)

    def produce_json(self):
        topic = self.topics["json"]
        ser = JSONSerializer(read_text("json", "payment.schema.json"), self.client)
        for case, value in json_values():
            self.send(topic, case, None, ser(value, self.ctx(topic)), sent_value=value)

    def produce_bad(self):
        """Records a decoder must refuse one by one, with a clear message (never a crash)."""
        topic = self.topics["bad"]
        avro_records = self.sent[self.topics["avro"]]
        full = next(r["value_bytes"] for r in avro_records if r["case"] == "avro-full")
        avro_id = full[1:5]
        proto_product = next(r["value_bytes"] for r in self.sent[self.topics["protobuf"]]
                             if r["case"] == "protobuf-product")
        proto_id = proto_product[1:5]
        json_id = self.sent[self.topics["json"]][0]["value_bytes"][1:5]
        bad_json = json.dumps({"payment_id": "PAY-9", "amount": -1, "currency": "JPY"}).encode()
        cases = [
            # (case, format the check decodes it as, problem, bytes)
            ("bad-short-header", "avro", "framing", b"\x00\x01\x02"),
            # Not 0x01: Confluent's newer framing puts a 16-byte schema GUID after magic byte 1.
            ("bad-wrong-magic", "avro", "framing", b"\x05" + avro_id + full[5:]),
            ("bad-not-framed", "avro", "framing", b'{"plain":"json"}'),
            ("bad-unknown-id", "avro", "unknown-schema-id",
             b"\x00" + UNKNOWN_SCHEMA_ID.to_bytes(4, "big") + full[5:]),
            # The first long (id) is fine, the int after it is a varint that never ends.
            ("bad-garbage-payload", "avro", "payload", b"\x00" + avro_id + b"\x02" + b"\xff" * 11),
            ("bad-truncated-avro", "avro", "payload", full[: len(full) // 2]),
            # Message index 7 does not exist in catalog.proto (3 top-level messages).
            ("bad-protobuf-index", "protobuf", "message-index", b"\x00" + proto_id + b"\x02\x0e"
             + proto_product[6:]),
            ("bad-json-violation", "json", "schema-validation", b"\x00" + json_id + bad_json),
        ]
        for case, fmt, problem, data in cases:
            self.send(topic, case, None, data, check_format=fmt, problem=problem)

    # -- reading back with the Confluent deserializers
    def deserializers(self):
        return {
            "avro": AvroDeserializer(self.client),
            "json": JSONDeserializer(None, schema_registry_client=self.client),
        }

    def decode_protobuf(self, data, ctx):
        framing = parse_framing(data, protobuf=True)
        if framing is None:
            raise ValueError("not in the Confluent wire format")
        cls = message_class_at(file_proto_of(self.catalog), framing[1], descriptor_pool.Default())
        return ProtobufDeserializer(cls, {}, self.client)(data, ctx), framing[1], cls.DESCRIPTOR.full_name

    def subject_version(self, schema_id, field_suffix):
        for sv in self.client.get_schema_versions(schema_id):
            if sv.subject.endswith(field_suffix):
                return sv.subject, sv.version
        sv = self.client.get_schema_versions(schema_id)[0]
        return sv.subject, sv.version

    def describe_side(self, topic, data, fmt, field, sent=None):
        """key/value entry of expected.json for one side of a record."""
        if data is None:
            return {"format": None, "value": None, "hex": None}
        entry = {"format": fmt, "hex": data.hex()}
        ctx = SerializationContext(topic, field)
        if fmt == "string":
            entry["value"] = data.decode("utf-8")
            return entry
        suffix = "-key" if field == MessageField.KEY else "-value"
        if fmt == "protobuf":
            msg, indexes, full_name = self.decode_protobuf(data, ctx)
            decoded = msg
            entry.update(message_type=full_name, message_indexes=indexes)
        else:
            decoded = self.deser[fmt](data, ctx)
        schema_id = parse_framing(data)[0]
        subject, version = self.subject_version(schema_id, topic + suffix)
        entry.update(schema_id=schema_id, subject=subject, subject_version=version, value=to_json(decoded))
        if fmt == "avro":
            writer = self.client.get_schema(schema_id)
            entry["value_avro_json"] = avro_json_encoding(self.parsed_avro(writer), decoded)
        if sent is not None and to_json(sent) != entry["value"]:
            die("%s: read back %s, sent %s" % (topic, json.dumps(entry["value"]), json.dumps(to_json(sent))))
        return entry

    def parsed_avro(self, schema):
        named = {}
        for ref in schema.references or []:
            referenced = self.client.get_version(ref.subject, ref.version).schema
            fastavro.parse_schema(json.loads(referenced.schema_str), named_schemas=named)
        return fastavro.parse_schema(json.loads(schema.schema_str), named_schemas=named)

    def read_back(self):
        # A client of its own: the registering one caches what it registered, which would hide
        # how the registry answers a reader that has never seen the schema.
        self.client = registry_client(self.args)
        self.deser = self.deserializers()
        v2_reader = AvroDeserializer(self.client, read_text("avro", "order-v2.avsc"))
        formats = {"avro": ("avro", "avro"), "avro_evolution": ("string", "avro"),
                   "protobuf": (None, "protobuf"), "json": (None, "json")}
        records = []
        for name, topic in self.topics.items():
            sent = self.sent[topic]
            got = consume_all(self.args.bootstrap, topic, expected_count=len(sent))
            for s, msg in zip(sent, got):
                header = dict(msg.headers() or [])
                if header.get("fixture", b"").decode() != s["case"]:
                    die("%s offset %d is %r, expected %s" % (topic, msg.offset(), header, s["case"]))
                rec = {"case": s["case"], "topic": topic, "partition": msg.partition(),
                       "offset": msg.offset(), "timestamp_ms": msg.timestamp()[1],
                       "headers": {k: v.decode() for k, v in header.items()}}
                if name == "bad":
                    rec.update(self.check_bad(topic, msg.value(), s))
                else:
                    key_fmt, value_fmt = formats[name]
                    key = self.describe_side(topic, msg.key(), key_fmt, MessageField.KEY, s.get("sent_key"))
                    value = self.describe_side(topic, msg.value(), value_fmt, MessageField.VALUE,
                                               s.get("sent_value"))
                    rec.update(format=value_fmt, schema_id=value.get("schema_id"),
                               subject=value.get("subject"), subject_version=value.get("subject_version"))
                    for k in ("message_type", "message_indexes"):
                        if k in value:
                            rec[k] = value[k]
                    rec["value"] = value["value"]
                    if "value_avro_json" in value:
                        rec["value_avro_json"] = value["value_avro_json"]
                    if name == "avro_evolution":
                        latest = v2_reader(msg.value(), SerializationContext(topic, MessageField.VALUE))
                        rec["value_read_as_latest"] = to_json(latest)
                    rec["value_hex"] = value["hex"]
                    rec["key"] = key if msg.key() is not None else None
                records.append(rec)
        return records

    def check_bad(self, topic, data, sent):
        ctx = SerializationContext(topic, MessageField.VALUE)
        fmt = sent["check_format"]
        try:
            if fmt == "protobuf":
                self.decode_protobuf(data, ctx)
            else:
                self.deser[fmt](data, ctx)
        except Exception as exc:  # noqa: BLE001 - the point is that it fails; record how
            error = "%s: %s" % (type(exc).__name__, exc)
        else:
            die("%s: the Confluent %s deserializer accepted %s; it must not" % (topic, fmt, sent["case"]))
        framing = parse_framing(data)
        return {"format": fmt, "schema_id": framing[0] if framing else None, "value": None,
                "problem": sent["problem"], "python_error": error, "value_hex": data.hex(), "key": None}

    def subjects(self, records):
        """Every version of the subjects the records use, and of the subjects they reference."""
        todo = sorted({side.get("subject") for r in records for side in (r, r.get("key") or {})} - {None})
        out = {}
        while todo:
            subject = todo.pop(0)
            if subject in out:
                continue
            versions = []
            for v in self.client.get_versions(subject):
                reg = self.client.get_version(subject, v)
                refs = reg.schema.references or []
                versions.append({"version": reg.version, "id": reg.schema_id,
                                 "schema_type": reg.schema.schema_type or "AVRO",
                                 "references": [{"name": r.name, "subject": r.subject, "version": r.version}
                                                for r in refs]})
                todo.extend(r.subject for r in refs)
            out[subject] = versions
        return dict(sorted(out.items()))


def cmd_produce(args):
    work_dir = args.work_dir or tempfile.mkdtemp(prefix="edis-schema-fixtures.")
    os.makedirs(work_dir, exist_ok=True)
    try:
        fx = Fixtures(args, work_dir)
        create_topics(args.bootstrap, list(fx.topics.values()))
        fx.produce_avro()
        fx.produce_evolution()
        fx.produce_protobuf()
        fx.produce_json()
        fx.flush()
        fx.produce_bad()
        fx.flush()
        records = fx.read_back()
        doc = {
            "generator": "tests/services/schema_fixtures.py",
            "confluent_kafka": CONFLUENT_KAFKA_VERSION,
            "protobuf": google.protobuf.__version__,
            "fastavro": fastavro.__version__,
            "registry_url": args.registry,
            "bootstrap": args.bootstrap,
            "topic_prefix": args.topic_prefix,
            "topics": fx.topics,
            "unknown_schema_id": UNKNOWN_SCHEMA_ID,
            "subjects": fx.subjects(records),
            "records": records,
        }
        out_dir = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(out_dir, exist_ok=True)
        with open(args.out + ".partial", "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(args.out + ".partial", args.out)
        log("%d records on %d topics; expected values in %s" % (len(records), len(fx.topics), args.out))
    finally:
        if not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)


# ---------------------------------------------------------------------------- read
def protobuf_class_for(client, data, message_name, pools):
    """The message class of a framed Protobuf record: --message, or the writer schema's message at
    the record's index path."""
    framing = parse_framing(data, protobuf=True)
    if framing is None:
        raise ValueError("not in the Confluent wire format")
    schema_id, indexes, _ = framing
    if message_name:
        return message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(message_name))
    if schema_id not in pools:
        pool = descriptor_pool.DescriptorPool()

        def add(schema, name):
            fdp = descriptor_pb2.FileDescriptorProto.FromString(base64.b64decode(schema.schema_str))
            for ref in schema.references or []:
                add(client.get_version(ref.subject, ref.version, True, "serialized").schema, ref.name)
            for dep in fdp.dependency:
                if dep.startswith("google/protobuf/"):
                    well_known = descriptor_pb2.FileDescriptorProto()
                    descriptor_pool.Default().FindFileByName(dep).CopyToProto(well_known)
                    try:
                        pool.Add(well_known)
                    except TypeError:
                        pass  # already there
            fdp.name = name
            try:
                pool.Add(fdp)
            except TypeError:
                pass  # already there (a diamond of references)
            return fdp

        pools[schema_id] = add(client.get_schema(schema_id, fmt="serialized"), "schema-%d.proto" % schema_id), pool
    fdp, pool = pools[schema_id]
    return message_class_at(fdp, indexes, pool)


def cmd_read(args):
    client = registry_client(args)
    if args.format == "protobuf" and args.message:
        # Classes from the fixtures' .proto, made into a temporary directory.
        work_dir = tempfile.mkdtemp(prefix="edis-schema-fixtures.")
        try:
            generate_protobuf(work_dir)
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)
    avro = AvroDeserializer(client)
    jsond = JSONDeserializer(None, schema_registry_client=client)
    pools = {}
    failures = 0
    for msg in iter_records(args.bootstrap, args.topic, expected_count=args.count, timeout=args.timeout):
        ctx = SerializationContext(args.topic, MessageField.VALUE)
        data = msg.value()
        try:
            if data is None:
                value = None
            elif args.format == "avro":
                value = to_json(avro(data, ctx))
            elif args.format == "json":
                value = to_json(jsond(data, ctx))
            else:
                cls = protobuf_class_for(client, data, args.message, pools)
                value = to_json(ProtobufDeserializer(cls, {}, client)(data, ctx))
            line = value
            if args.with_metadata:
                framing = parse_framing(data, protobuf=args.format == "protobuf")
                line = {"partition": msg.partition(), "offset": msg.offset(),
                        "schema_id": framing[0] if framing else None, "value": value}
                if args.format == "protobuf" and framing:
                    line["message_indexes"] = framing[1]
        except Exception as exc:  # noqa: BLE001 - reported per record, like the product does
            failures += 1
            line = {"partition": msg.partition(), "offset": msg.offset(),
                    "error": "%s: %s" % (type(exc).__name__, exc)}
        print(json.dumps(line, ensure_ascii=False), flush=True)
    if failures:
        log("%d record(s) could not be read (see the error lines)" % failures)
        sys.exit(1)


# ---------------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--bootstrap", default=os.environ.get("EDIS_TEST_KAFKA_BOOTSTRAP"),
                       help="broker (default $EDIS_TEST_KAFKA_BOOTSTRAP)")
        p.add_argument("--registry", default=os.environ.get("EDIS_TEST_REGISTRY_URL"),
                       help="Confluent-compatible registry URL (default $EDIS_TEST_REGISTRY_URL)")
        p.add_argument("--registry-user-info", default=None, metavar="USER:PASSWORD",
                       help="basic authentication for the registry")

    p = sub.add_parser("produce", help="create the fixture topics, produce, write expected.json")
    common(p)
    p.add_argument("--topic-prefix", default="edis.fixtures")
    p.add_argument("--out", required=True, help="expected.json to write")
    p.add_argument("--work-dir", default=None,
                   help="where protoc writes the Python classes (kept); default a temporary directory")
    p = sub.add_parser("read", help="consume a topic with the Confluent deserializers, one JSON line each")
    common(p)
    p.add_argument("--topic", required=True)
    p.add_argument("--format", required=True, choices=["avro", "protobuf", "json"])
    p.add_argument("--count", type=int, default=None,
                   help="records to read (default: up to the end offsets seen at the start)")
    p.add_argument("--message", default=None,
                   help="Protobuf message full name from the fixtures' .proto (edis.fixtures.Product); "
                        "default: from the writer schema and the record's message indexes")
    p.add_argument("--with-metadata", action="store_true",
                   help="print {partition, offset, schema_id, value} objects instead of bare values")
    p.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    if not args.bootstrap:
        die("no broker: pass --bootstrap or set EDIS_TEST_KAFKA_BOOTSTRAP")
    if not args.registry:
        die("no registry: pass --registry or set EDIS_TEST_REGISTRY_URL")
    if args.command == "produce":
        cmd_produce(args)
    else:
        cmd_read(args)


if __name__ == "__main__":
    main()
