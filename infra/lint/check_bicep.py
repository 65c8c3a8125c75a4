#!/usr/bin/env python3
"""Structural check of infra/azure/main.bicep without the Bicep CLI (not installable here): balanced delimiters,
every parameter described and documented, the parameters file naming only declared parameters and covering those
without default, the required resources with their pinned API versions, and the properties the issue requires
(versioning, soft delete, private container, HTTPS/TLS 1.2, scheduled Container Apps Jobs running the shards with
--finalize, a user-assigned identity holding Storage Blob Data Contributor on the container, no secret literal).
It does NOT type-check expressions or validate property names against the Azure resource schemas: `az bicep build`
does that where the Bicep CLI is available. Usage: python3 infra/lint/check_bicep.py [REPO_ROOT]."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
bicep_path = root / "infra/azure/main.bicep"
text = bicep_path.read_text()
problems = []



def scan(source):
    """(code without // comments, code without comments and string contents), by a small tokenizer."""
    code, bare, i, in_string = [], [], 0, False
    while i < len(source):
        ch = source[i]
        if in_string:
            code.append(ch)
            if ch == "\\" and i + 1 < len(source):
                code.append(source[i + 1])
                i += 1
            elif ch == "'":
                in_string = False
                bare.append("'")
        elif source.startswith("//", i):
            while i < len(source) and source[i] != "\n":
                i += 1
            continue
        else:
            code.append(ch)
            bare.append(ch)
            in_string = ch == "'"
        i += 1
    return "".join(code), "".join(bare)


code, bare = scan(text)
for open_, close in ("{}", "[]", "()"):
    depth = 0
    for ch in bare:
        depth += (ch == open_) - (ch == close)
        if depth < 0:
            break
    if depth != 0:
        problems.append(f"unbalanced {open_}{close}")

# Parameters: every one has a @description just above it and is named in infra/README.md.
params = {}
lines = code.splitlines()
for i, line in enumerate(lines):
    m = re.match(r"param (\w+) (\w+)( = .*)?$", line.strip())
    if m:
        params[m.group(1)] = m.group(3) is not None
        above, j = [], i - 1
        while j >= 0 and lines[j].strip().startswith("@"):
            above.append(lines[j].strip())
            j -= 1
        if not any(l.startswith("@description(") for l in above):
            problems.append(f"param {m.group(1)} has no @description")
readme = (root / "infra/README.md").read_text()
for name in params:
    if f"`{name}`" not in readme:
        problems.append(f"param {name} is not documented in infra/README.md")
given = json.loads((root / "infra/azure/main.parameters.json").read_text())["parameters"]
for name in given:
    if name not in params:
        problems.append(f"main.parameters.json sets '{name}', which main.bicep does not declare")
for name, has_default in params.items():
    if not has_default and name not in given:
        problems.append(f"required param {name} (no default) is missing from main.parameters.json")

# Resources: symbol -> (type, version, body).
resources = {}
for m in re.finditer(r"^resource (\w+) '([\w./]+)@([\d-]+(?:-preview)?)' = (\[for [^:]+: )?\{", code, re.M):
    start, depth = m.end() - 1, 0
    for j in range(start, len(code)):
        depth += (code[j] == "{") - (code[j] == "}")
        if depth == 0:
            break
    resources[m.group(1)] = (m.group(2), m.group(3), code[start:j + 1])

required = {
    "Microsoft.Storage/storageAccounts": [r"allowBlobPublicAccess: false", r"minimumTlsVersion: 'TLS1_2'", r"supportsHttpsTrafficOnly: true"],
    "Microsoft.Storage/storageAccounts/blobServices": [r"isVersioningEnabled: true", r"deleteRetentionPolicy: \{\s*enabled: true", r"containerDeleteRetentionPolicy: \{\s*enabled: true"],
    "Microsoft.Storage/storageAccounts/blobServices/containers": [r"publicAccess: 'None'"],
    "Microsoft.ManagedIdentity/userAssignedIdentities": [],
    "Microsoft.Authorization/roleAssignments": [r"scope: outputContainer\b", r"roleDefinitions', storageBlobDataContributor\)", r"principalId: identity\.properties\.principalId"],
    "Microsoft.App/managedEnvironments": [],
    "Microsoft.App/jobs": [r"triggerType: 'Schedule'", r"scheduleTriggerConfig: \{[^}]*cronExpression: cronExpression", r"type: 'UserAssigned'",
                           r"'--shard'\s*'\$\{i\}/\$\{shardCount\}'", r"'--finalize'", r"'--slot'\s*cronExpression", r"range\(0, shardCount\)",
                           r"Storage__ManagedIdentityClientId", r"resources: \{\s*cpu: json\(cpu\)\s*memory: memory"],
}
by_type = {}
for symbol, (rtype, version, body) in resources.items():
    by_type.setdefault(rtype, []).append((symbol, body))
for rtype, patterns in required.items():
    if rtype not in by_type:
        problems.append(f"no resource of type {rtype}")
        continue
    for symbol, body in by_type[rtype]:
        for pattern in patterns:
            header = code[code.index(f"resource {symbol} "):code.index(f"resource {symbol} ") + 200]
            if not re.search(pattern, body) and not re.search(pattern, header):
                problems.append(f"resource {symbol} ({rtype}) lacks {pattern!r}")
if "var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'" not in code:
    problems.append("storageBlobDataContributor must be the built-in role id ba92f5b4-2d11-453d-a403-e96b0029c9fe")
for secret in (r"AccountKey=", r"SharedAccessSignature=", r"sig=", r"@secure\(\)\s*param \w+ string = '"):
    if re.search(secret, text):
        problems.append(f"a secret literal ({secret}) is in main.bicep")

for p in problems:
    print("bicep:", p)
print(f"bicep: {len(params)} params, {len(resources)} resources checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
