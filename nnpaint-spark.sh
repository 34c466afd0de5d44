#!/usr/bin/env bash
# Runs the nnpaint-spark command line with Spark embedded (--master local[*] by default, or any master URL).
# Builds the module first when its jars are missing or older than the sources, and passes the JVM flags of the
# fast kernels and those Spark needs on Java 17 and later. For a cluster, use spark-submit with the job jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/nnpaint-spark/${NNPAINT_SPARK_BUILD:-target}"
jar="$build/nnpaint-spark-job.jar"

stale() {
  [[ ! -f "$jar" || ! -d "$build/lib" || ! -f "$build/jvm.options" ]] && return 0
  [[ -n "$(find "$here/pom.xml" "$here/nnpaint-core" "$here/nnpaint-ops" "$here/nnpaint-web" "$here/nnpaint-cli" "$here/nnpaint-spark" -path '*/target*' \
      -prune -o -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \
      -o -path '*/src/launcher/*' \) -newer "$jar" -print -quit)" ]]
}

if stale; then
  echo "nnpaint-spark: building the jars (mvn package; the first time downloads Spark, about 150 MB)..." >&2
  if ! (cd "$here" && mvn -B -q -Dstyle.color=never -DskipTests -Dnnpaint.build="${NNPAINT_SPARK_BUILD:-target}" \
      -pl nnpaint-spark -am package >&2); then
    echo "nnpaint-spark: the build failed; see the messages above" >&2
    exit 1
  fi
fi

# jvm.options (written by the build from the poms) holds the flags of ./nnpaint's fast kernels and those Spark's
# own launcher passes on Java 17+ (org.apache.spark.launcher.JavaModuleOptions).
exec java @"$build/jvm.options" \
  -Dlog4j2.configurationFile="$here/nnpaint-spark/conf/log4j2.properties" \
  ${NNPAINT_JAVA_OPTS:-} -cp "$jar:$build/lib/*" dev.nnpaint.spark.cli.SparkMain "$@"
