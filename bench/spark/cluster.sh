#!/usr/bin/env bash
# A Spark standalone cluster on 127.0.0.1 from the Spark jars of the build (no Spark download): source this file,
#   cluster_start DIR WORKERS   a Master and WORKERS one-core Workers, waiting until each has registered
#   cluster_submit ARGS...      spark-submit of the job jar (nnpaint-spark ARGS) to it, both executors awaited
#   cluster_stop                ends every process cluster_start started
# The Spark home is DIR/spark-home, whose jars/ links to nnpaint-spark/target/lib (Spark and its dependencies).
cluster_here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster_build="$cluster_here/nnpaint-spark/target"
cluster_pids=()

cluster_java() { # log main args...
  local log="$1"; shift
  SPARK_HOME="$cluster_home" SPARK_CONF_DIR="$cluster_home/conf" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    SPARK_LOCAL_HOSTNAME=127.0.0.1 java @"$cluster_build/jvm.options" -Xmx1g -cp "$cluster_home/jars/*" "$@" \
    >"$log" 2>&1 &
  cluster_pids+=($!)
}

cluster_wait() { # log text
  for _ in $(seq 1 1800); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no '$2' in $1" >&2; return 1
}

cluster_start() { # dir workers
  local dir="$1" workers="$2"
  cluster_home="$dir/spark-home"
  mkdir -p "$cluster_home/jars" "$cluster_home/conf"
  for jar in "$cluster_build"/lib/*.jar; do ln -sf "$jar" "$cluster_home/jars/"; done
  cluster_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cluster_java "$dir/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$cluster_port" \
    --webui-port 0
  cluster_wait "$dir/master.log" "elected leader"
  for ((w = 0; w < workers; w++)); do
    mkdir -p "$dir/work-$w"
    cluster_java "$dir/worker-$w.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
      --webui-port 0 --work-dir "$dir/work-$w" "spark://127.0.0.1:$cluster_port"
    cluster_wait "$dir/worker-$w.log" "Successfully registered"
  done
  cluster_workers="$workers"
}

cluster_submit() {
  SPARK_HOME="$cluster_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    java @"$cluster_build/jvm.options" -cp "$cluster_home/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$cluster_port" --class dev.nnpaint.spark.cli.SparkMain \
    --conf spark.cores.max="$cluster_workers" --conf spark.executor.cores=1 --conf spark.executor.memory=1g \
    --conf spark.driver.host=127.0.0.1 "$cluster_build/nnpaint-spark-job.jar" "$@"
}

cluster_stop() {
  local pid
  for pid in "${cluster_pids[@]}"; do
    pkill -KILL -P "$pid" 2>/dev/null || true # a Worker's executors
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  cluster_pids=()
}
