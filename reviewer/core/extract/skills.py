"""Tools, languages and methods named in a posting, in their canonical spelling.

Each entry is a canonical name and the spellings that mean it. Names that are also
ordinary words ("Go", "R", "Swift", "Rust", "Excel", "Spark") match only as
written with their capital, or, for a page written all in lower case, only in a
list of other skills.
"""

from __future__ import annotations

import functools
import itertools
import math
import re

from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import has_capital, lower_keep_offsets

# canonical name: other spellings (lower case), separated by "|"
_SKILLS = """
Python|python3|python 3|python2
Java
JavaScript|javascript|js|ecmascript|es6
TypeScript
C++|cpp|c plus plus
C#|c sharp|csharp
.NET|dotnet|.net core|asp.net
Objective-C|objective c|objc
PHP
Ruby
Ruby on Rails|rails|ror
Perl
Scala
Kotlin
Elixir
Erlang
Haskell
Clojure
Lua
Julia
MATLAB
SAS
SPSS
Stata
Fortran
COBOL
Bash|shell scripting|bash scripting
PowerShell
SQL
NoSQL
PostgreSQL|postgres|postgresql
MySQL
MariaDB
SQLite
Oracle Database|oracle db|oracle database
SQL Server|mssql|ms sql|microsoft sql server
MongoDB|mongo
Redis
Cassandra
Elasticsearch|elastic search
Solr|apache solr
Neo4j
DynamoDB
Snowflake
BigQuery
Redshift
ClickHouse
Hadoop|apache hadoop
Spark|apache spark|pyspark
Hive|apache hive
Kafka|apache kafka
Flink|apache flink
Airflow|apache airflow
Storm|apache storm
Scalding
dbt
RabbitMQ
Celery
AWS|amazon web services
Azure|microsoft azure
GCP|google cloud|google cloud platform
Docker
Kubernetes|k8s
Terraform
Ansible
Puppet
Chef
Jenkins
GitLab CI|gitlab-ci
GitHub Actions
CircleCI
Travis CI|travis
Git|github|gitlab
Linux|unix
Nginx
Apache HTTP Server|apache httpd
OpenStack
Prometheus
Grafana
Helm
Istio
Linkerd
Envoy
Consul
Vault|hashicorp vault
Packer
Argo CD|argocd
Splunk
New Relic
PagerDuty
Sentry
Kibana
Logstash
Fluentd
OpenTelemetry
Pulumi
CloudFormation
AWS Lambda
Heroku
Cloudflare
ELK|elk stack
Datadog
TensorFlow|tensorflow
PyTorch|pytorch
Keras
scikit-learn|sklearn|scikit learn
pandas
NumPy|numpy
SciPy|scipy
Jupyter|ipython|jupyter notebook
Caffe
Theano
Torch
XGBoost
LightGBM
Hugging Face|huggingface|transformers library
spaCy
NLTK
OpenCV
LangChain
MLflow
Django|django rest framework
Flask
FastAPI
SQLAlchemy
Pyramid
Tornado
Twisted
asyncio
Node.js|nodejs|node js
Express|express.js
React|react.js|reactjs
React Native
Angular|angularjs|angular.js
Vue.js|vue|vuejs
Svelte
Next.js|nextjs
jQuery
Redux
Backbone.js|backbone
Ember.js|ember
Three.js|threejs
D3.js|d3
HTML|html5
CSS|css3
Sass|scss
Less
Tailwind CSS|tailwind
Bootstrap
Webpack
GraphQL
REST|rest api|restful|rest apis|restful apis
gRPC
SOAP
Microservices|microservice
Spring|spring boot|spring framework
Hibernate
Laravel
Symfony
Drupal
WordPress
Magento
Shopify
iOS
Android
macOS
Swift
SwiftUI
Flutter
Dart
Xamarin
Unity
Unreal Engine|unreal
Go|golang
Rust
R
C
Excel|ms excel|microsoft excel
Word|ms word|microsoft word
PowerPoint|ms powerpoint
MS Office|microsoft office|ms-office|office 365|microsoft 365
Outlook
Access|ms access|microsoft access
Tableau
Power BI|powerbi
Looker
Qlik|qlikview|qlik sense
Google Analytics
SAP
Salesforce
HubSpot
Jira
Confluence
Photoshop|adobe photoshop
Illustrator|adobe illustrator
InDesign|adobe indesign
Figma
Sketch
AutoCAD
SolidWorks
QuickBooks
1C
Agile|agile methodologies
Scrum
Kanban
TDD|test-driven development|test driven development
CI/CD|continuous integration|continuous delivery|continuous deployment
DevOps
Machine learning|ml
Deep learning
NLP|natural language processing
Computer vision
Selenium
pytest
JUnit
Cypress
Jest
Mocha
Postman
Vim
Emacs
LaTeX
Zabbix
Nagios
VMware
Hyper-V
Active Directory
Cisco
TCP/IP
SharePoint
Lean
Six Sigma
SEO
SEM
IFRS
GAAP|us gaap
SOX
Power Query
VBA
Alteryx
Databricks
Amplitude
Mixpanel
A/B testing|ab testing
Google Ads|adwords|google adwords
"""

# Canonical names that are ordinary words too: they need their capital (or a list).
_CASED = frozenset(
    (
        "Go R C Swift Rust Vault Sentry Envoy Consul Packer Helm Segment Excel Word Access "
        "Spark Storm Chef Puppet Less Lean Sketch Unity "
        "Express React Torch Outlook Hive Flask Pyramid Tornado Twisted Node Ember Backbone "
        "Julia Dart Flutter Lua Snowflake Celery Looker Bootstrap Spring Git Agile Scrum Kanban "
        "Jest Mocha Cypress Postman Vim Selenium Salesforce SAP Jupyter"
    ).split()
)
@functools.cache
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """(spelling in lower case -> canonical name, spellings that need their case)."""
    spellings: dict[str, str] = {}
    exact: set[str] = set()
    for line in _SKILLS.strip().splitlines():
        names = line.split("|")
        canonical = names[0]
        spellings.setdefault(canonical.lower(), canonical)
        if canonical in _CASED:
            exact.add(canonical.lower())
        for other in names[1:]:
            spellings.setdefault(other.lower(), canonical)
    return spellings, frozenset(exact)


def skill_name(text: str) -> str | None:
    """The lexicon's name of the skill ``text`` spells ("k8s" is "Kubernetes"), None
    for words the lexicon does not hold."""
    return _lexicon()[0].get(" ".join(text.lower().split()))


_UPPER = lazy_compile(r"[A-Z]")


def is_lowercase_page(text: str) -> bool:
    """A page written all in lower case (capitals then tell nothing)."""
    if not has_capital(text):
        return bool(text)  # (a quick test on a long text)
    most = math.ceil(len(text) * 0.002)  # capitals past this many are not counted
    return sum(1 for _ in itertools.islice(_UPPER.finditer(text), most)) < len(text) * 0.002


_LIST_CONTEXT = lazy_compile(r"[,/(]\s*$|\b(?:and|or|in|with|using)\s+$", re.I)
_LIST_AFTER = lazy_compile(r"\s*[,/)]|\s+(?:or|and)\b")
_NEEDS_LIST = frozenset("R C Lean Less Chef Unity Word Access".split())


def find_skills(text: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """Skills in order of first mention, each with the spans that name it."""
    spellings, exact = _lexicon()
    lowercase_page = is_lowercase_page(text)
    low = lower_keep_offsets(text)
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _matcher().finditer(low):
        start, end = match.span()
        canonical = spellings[" ".join(match.group().split())]
        if _accept(text, text[start:end], canonical, start, end, exact, lowercase_page):
            found.setdefault(canonical, []).append((start, end))
    return sorted(found.items(), key=lambda kv: kv[1][0][0])


@functools.cache
def _matcher() -> re.Pattern[str]:
    """One pattern for every spelling, built as a trie so that a scan stays fast.

    Names match whole: not inside a longer word or name ("java" in "javascript",
    "c" in "c++"); the longest spelling at a place wins."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for spelling in _lexicon()[0]:
        node = trie
        for char in spelling:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<![a-z0-9#+.'\-])(?:" + _trie_pattern(trie) +
                      r")(?![a-z0-9#+]|[.'\-][a-z0-9])")


def _trie_pattern(node: dict) -> str:  # type: ignore[type-arg]
    branches = []
    for char in sorted(k for k in node if k):
        head = r"[ \t]{1,3}" if char == " " else re.escape(char)
        branches.append(head + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a spelling ends here; a longer one may go on
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _accept(text: str, phrase: str, canonical: str, start: int, end: int,
            exact: frozenset[str], lowercase_page: bool) -> bool:
    cased = phrase.lower() == canonical.lower() and phrase.lower() in exact
    if cased:
        if lowercase_page:
            if not _in_list(text, start, end):
                return False
        elif phrase != canonical:
            return False
    if canonical in _NEEDS_LIST and not _in_list(text, start, end):
        return False
    if canonical == "Go" and not (
            _NAMED.match(text[end:end + 14]) or
            (_in_list(text, start, end) and _LANGUAGES.search(text[max(0, start - 60):end + 60]))):
        return False  # "Go" is a language only beside other languages, or said to be one
    if canonical == "C" and text[end:end + 1] in "+#":
        return False
    if canonical == "Spring" and (_SEASON_AFTER.match(text, end) or (
            _SEASON_BEFORE.search(text, max(0, start - 12), start)
            and _SENTENCE_ENDS.match(text, end) and not _in_list(text, start, end))):
        return False  # "Start in Spring 2025": the season
    return not (canonical in ("Excel", "Word", "Access", "Outlook") and
                text[max(0, start - 3):start].lower().endswith("ms "))


_NAMED = lazy_compile(r"\s*(?:programming|language|developer|engineer)", re.I)
_SEASON_AFTER = lazy_compile(r"\s+(?:(?:19|20)\d\d\b|semester|term\b|season|break|intake)",
                             re.I)
_SEASON_BEFORE = lazy_compile(r"\b(?:in|this|next|last|early|late|the)\s+$", re.I)
_SENTENCE_ENDS = lazy_compile(r"\s*(?:[.;!?]|$)")
_LANGUAGES = lazy_compile(r"\b(?:python|java|rust|ruby|scala|kotlin|elixir|erlang|php|perl|swift|"
                          r"typescript|javascript|node|c\+\+|c#|haskell|clojure|lua|julia|dart)\b",
                          re.I)


def _in_list(text: str, start: int, end: int) -> bool:
    """Is the word one of a list of names ("java, scala, python or r")?"""
    before = text[max(0, start - 12):start]
    after = text[end:end + 8]
    return bool(_LIST_CONTEXT.search(before) or _LIST_AFTER.match(after))
