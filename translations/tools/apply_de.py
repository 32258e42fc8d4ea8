#!/usr/bin/env python3
"""Fills German translations for the main window's strings into edis_studio_de.ts.

Run after `update_translations` when new strings appear; strings not listed stay unfinished
(Qt then shows the English source), so a partial translation never hides text.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

DE = {
    "Brokers": "Broker",
    "Topics": "Topics",
    "Broker %1": "Broker %1",
    "Name": "Name",
    "Details": "Details",
    "Connect to a Kafka cluster": "Mit einem Kafka-Cluster verbinden",
    "e.g. Production": "z. B. Produktion",
    "Connect": "Verbinden",
    "&Name:": "&Name:",
    "&Bootstrap servers:": "&Bootstrap-Server:",
    "Client &properties:": "Client-&Eigenschaften:",
    "Enter at least one bootstrap server as host:port.": "Mindestens einen Bootstrap-Server als Host:Port angeben.",
    "'%1' is not host:port.": "„%1“ ist nicht Host:Port.",
    "Property line %1 is not key=value.": "Eigenschaftszeile %1 ist nicht Schlüssel=Wert.",
    "Filter topics…": "Topics filtern…",
    "&Cluster": "&Cluster",
    "&Connect…": "&Verbinden…",
    "&Refresh": "&Aktualisieren",
    "&Quit": "&Beenden",
    "Main": "Haupt",
    "Sandbox": "Sandbox",
    " Sandbox traffic: ": " Sandbox-Verkehr: ",
    " msg/s": " Nachr./s",
    "Messages per second the sandbox produces; 0 pauses it.": "Nachrichten pro Sekunde, die die Sandbox erzeugt; 0 pausiert sie.",
    "  %L1 events produced": "  %L1 Ereignisse erzeugt",
    "Not connected": "Nicht verbunden",
    "%1 — retrying every %2 s": "%1 — neuer Versuch alle %2 s",
    "Cluster id:": "Cluster-ID:",
    "Controller:": "Controller:",
    "Topics:": "Topics:",
    "Partitions:": "Partitionen:",
    "Health:": "Zustand:",
    "Broker id": "Broker-ID",
    "Host": "Host",
    "Port": "Port",
    "(not reported)": "(nicht gemeldet)",
    "All partitions in sync": "Alle Partitionen synchron",
    "Partition": "Partition",
    "Leader": "Leader",
    "Replicas": "Replikate",
    "In-sync replicas": "Synchrone Replikate",
    "Status": "Status",
    "This topic no longer exists on the cluster.": "Dieses Topic existiert im Cluster nicht mehr.",
    "In sync": "Synchron",
    "Offline (no leader)": "Offline (kein Leader)",
    "Under-replicated": "Unterrepliziert",
}


def main(path: str) -> int:
    tree = ET.parse(path)
    done = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in DE and translation is not None and message.get("numerus") != "yes":
            translation.text = DE[source]
            translation.attrib.pop("type", None)
            done += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{done} strings translated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(pathlib.Path(__file__).parent.parent / "edis_studio_de.ts")))
