#!/bin/sh
# Formats the KRaft storage once (a cluster id per volume), then runs the broker as this
# container's main process, so `docker kill` is a broker crash.
set -eu
# The classpath wildcard is for the JVM to expand, not the shell: it stays quoted.
java_kafka() {
  exec_or_run=$1; shift
  $exec_or_run java -Xms256m -Xmx"${KAFKA_HEAP:-512m}" -XX:+UseG1GC \
    -Dlog4j.configuration=file:/opt/kafka/log4j.properties -cp '/opt/kafka/libs/*' "$@"
}
config=/opt/kafka/server.properties
if [ -n "${KAFKA_ADVERTISED_LISTENERS:-}" ]; then
  # Reached from outside the compose network (a test's container on a host port): advertise that.
  sed "s|^advertised.listeners=.*|advertised.listeners=$KAFKA_ADVERTISED_LISTENERS|" "$config" >/var/lib/kafka/server.properties
  config=/var/lib/kafka/server.properties
fi
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  java_kafka command kafka.tools.StorageTool format --ignore-formatted \
    -t "$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 22)" -c "$config"
fi
rm -f /var/lib/kafka/server.log
java_kafka exec kafka.Kafka "$config"
