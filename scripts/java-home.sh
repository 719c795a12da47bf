# Sourced by the project's scripts: makes JAVA_HOME point at a JDK 21+ (Helidon 4 needs it).
# Keeps a JAVA_HOME that is already 21+, else takes the newest JDK under /usr/lib/jvm that is.
_java_major() {
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    echo "${_v:-0}"
}
if [ -z "$JAVA_HOME" ] || [ "$(_java_major "$JAVA_HOME")" -lt 21 ]; then
    for _jdk in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -r); do
        if [ -x "$_jdk/bin/javac" ] && [ "$(_java_major "$_jdk")" -ge 21 ]; then
            JAVA_HOME=$_jdk
            break
        fi
    done
fi
if [ -z "$JAVA_HOME" ] || [ "$(_java_major "$JAVA_HOME")" -lt 21 ]; then
    echo "no JDK 21+ found: install one (e.g. Temurin 25) and set JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME
