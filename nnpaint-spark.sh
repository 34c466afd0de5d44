#!/usr/bin/env bash
# Runs the nnpaint-spark command line with Spark embedded (--master local[*] by default, or any master URL).
# Builds the module first when its jars are missing or older than the sources, and passes the JVM flags of the
# fast kernels and those Spark needs on Java 17 and later. For a cluster, use spark-submit with the job jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/nnpaint-spark/${NNPAINT_SPARK_BUILD:-target}"
jar="$build/nnpaint-spark-job.jar"

stale() {
  [[ ! -f "$jar" || ! -d "$build/lib" ]] && return 0
  [[ -n "$(find "$here/pom.xml" "$here/nnpaint-core" "$here/nnpaint-app" "$here/nnpaint-spark" -path '*/target*' \
      -prune -o -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" \
      -print -quit)" ]]
}

if stale; then
  echo "nnpaint-spark: building the jars (mvn package; the first time downloads Spark, about 150 MB)..." >&2
  if ! (cd "$here" && mvn -B -q -Dstyle.color=never -DskipTests -Dnnpaint.build="${NNPAINT_SPARK_BUILD:-target}" \
      -pl nnpaint-spark -am package >&2); then
    echo "nnpaint-spark: the build failed; see the messages above" >&2
    exit 1
  fi
fi

# The first line: the Vector API and the JIT hint of ./nnpaint. The rest: what Spark's own launcher passes on
# Java 17+ (org.apache.spark.launcher.JavaModuleOptions).
exec java --add-modules jdk.incubator.vector \
  -XX:CompileCommand=quiet -XX:CompileCommand=dontinline,dev.nnpaint.kernel.VectorKernel::activate \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
  -Dlog4j2.configurationFile="$here/nnpaint-spark/conf/log4j2.properties" \
  ${NNPAINT_JAVA_OPTS:-} -cp "$jar:$build/lib/*" dev.nnpaint.spark.cli.SparkMain "$@"
