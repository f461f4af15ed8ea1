#!/usr/bin/env bash
# The main job on examples/, run by `make demo` (pbctl on PATH):
# check every example, make a records workspace from them with each seed's event (and
# dongfanghong-two-new's roster of 191 organizations, imported from .xlsx), render
# the documents each keeps (and PDFs when LibreOffice is installed), each event's minutes or
# activity record and sign-in sheet, and show the history, the status, the ledgers and the
# year-end reports; then a year of health-chain's work: its 2025 plan, the three lists and
# the joint evaluation.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ws="${DEMO_WORKSPACE:-$(dirname "$here")/demo-workspace}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Check every example"
pbctl check --summary "$here"

step "Make a records workspace in $ws"
rm -rf "$ws"
pbctl init "$ws"
examples=()
for d in "$here"/*/; do
    id=$(basename "$d")
    examples+=("$id")
    pbctl -C "$ws" new alliance --from "$d/alliance.yaml" -m "imported from examples/$id"
    if [ -e "$d/roster.xlsx" ]; then   # the full roster (成员单位名册), kept in Excel
        pbctl -C "$ws" import members "$id" "$d/roster.xlsx" -m "the roster of examples/$id"
    fi
    for f in "$d"meetings/*.yaml; do
        [ -e "$f" ] && pbctl -C "$ws" log meeting "$id" --file "$f" -m "the seed's event"
    done
    for f in "$d"activities/*.yaml; do
        [ -e "$f" ] && pbctl -C "$ws" log activity "$id" --file "$f" -m "the seed's event"
    done
done

pdf=()
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    pdf=(--pdf)
else
    echo "(LibreOffice is not installed: .docx only; apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
fi

step "Render the documents each alliance keeps (every alliance at once, on every core), and the pairing agreements"
pbctl -C "$ws" render all --all "${pdf[@]}"
for n in 1 2 3; do
    pbctl -C "$ws" render agreement yunlong-construction --pairing "$n" "${pdf[@]}"
done

step "Render again: unchanged input makes no new revision"
pbctl -C "$ws" render all health-chain

step "Render each seed's minutes or activity record, and its sign-in sheet"
for id in "${examples[@]}"; do
    for f in "$ws/alliances/$id"/meetings/*.yaml; do
        [ -e "$f" ] || continue
        n=$((10#$(basename "$f" .yaml)))
        pbctl -C "$ws" render minutes "$id" "$n" "${pdf[@]}"
        pbctl -C "$ws" render signin "$id" meeting "$n" "${pdf[@]}"
    done
    for f in "$ws/alliances/$id"/activities/*.yaml; do
        [ -e "$f" ] || continue
        n=$((10#$(basename "$f" .yaml)))
        pbctl -C "$ws" render record "$id" activity "$n" "${pdf[@]}"
        pbctl -C "$ws" render signin "$id" activity "$n" "${pdf[@]}"
    done
done

step "Draft health-chain's news release and a brief of its first meeting"
pbctl -C "$ws" render news health-chain meeting 1 --date 2024-12-04 --reporter 何丹 "${pdf[@]}"
pbctl -C "$ws" render news health-chain meeting 1 --brief --issue 1 --date 2024-12-04 --format txt

step "A 联组's own meeting: numbered per group, rendered as that group's minutes"
pbctl -C "$ws" log meeting dongfanghong-two-new --group lianzu-1 --date 2024-12-10 \
    --venue 中电软件园党群服务中心 --chair 刘娜 --topic 交流两新党建观摩座谈会精神 \
    --decision "收集联组内企业用工和融资需求;owner=zhongdian-software-park;due=2025-01-31" \
    -m "an example of a group meeting (not in the report)"
pbctl -C "$ws" render minutes dongfanghong-two-new lianzu-1-1 "${pdf[@]}"

step "Sign the agreement and verify the signed files"
pbctl -C "$ws" sign health-chain agreement --date 2024-12-03
pbctl -C "$ws" verify

step "History of health-chain"
pbctl -C "$ws" history health-chain

step "Status of the workspace"
pbctl -C "$ws" status --as-of 2025-03-01 || true

step "Each seed's ledger (台账) and year-end report (年度工作总结)"
for id in "${examples[@]}"; do
    year=$(sed -n 's/^date: \([0-9]\{4\}\).*/\1/p' "$here/$id"/*/001.yaml | head -n 1)
    pbctl -C "$ws" ledger "$id" --year "$year"
    pbctl -C "$ws" report "$id" --year "$year"
done

step "Seed 003's ledger by parent (上级党组织): the six park committees under the 综合党委, with 小计"
pbctl -C "$ws" ledger zhangjiang-promotion --year 2021 --by-parent -m "成员单位按上级党组织统计"

step "The year's work of health-chain: the 2025 plan, the three lists, an evaluation"
pbctl -C "$ws" plan new health-chain 2025 -m "第二次联席会议审议通过"   # prefilled (no terminal)
pbctl -C "$ws" render plan health-chain 2025 "${pdf[@]}"
pbctl -C "$ws" log meeting health-chain --file - -m "第二次联席会议" <<'YAML'
number: 2
date: 2025-03-10
venue: 广西科技大学
host: gxust-shenghua
attendees: [{member: liangmianzhen}, {member: gxust-shenghua}, {member: lz-zhijian}]
topics: [审议2025年度联建工作计划]
plan_items: [plan.2025.1, plan.2025.2]
decisions:
  - {text: 共建研学实习基地, owner: gxust-shenghua, due: 2025-06-30}
YAML
pbctl -C "$ws" log activity health-chain --file - <<'YAML'
number: 1
kind: observation
date: 2025-04-02
place: 两面针公司党建馆
host: liangmianzhen
members: [liangmianzhen, gxust-shenghua, lz-zhijian]
headcount: 30
plan_items: [plan.2025.3]
YAML
pbctl -C "$ws" list add health-chain needs 研学实习岗位 --member gxust-shenghua --date 2025-03-12 --due 2025-06
pbctl -C "$ws" list add health-chain services 产品质量检验检测 --member lz-zhijian --date 2025-03-12
pbctl -C "$ws" list claim health-chain needs.1 --by liangmianzhen --date 2025-03-20
pbctl -C "$ws" done health-chain needs.1 --date 2025-05-28 --note 首批20名学生到岗
pbctl -C "$ws" done health-chain plan.2025.1 --date 2025-03-28
pbctl -C "$ws" done health-chain plan.2025.3 --date 2025-04-02 --note 党建阵地观摩
pbctl -C "$ws" done health-chain 2.1 --date 2025-07-15 --note 基地挂牌
pbctl -C "$ws" list show health-chain --as-of 2025-12-31
pbctl -C "$ws" status health-chain --as-of 2025-12-31 || true
pbctl -C "$ws" evaluate health-chain --year 2025

step "Done"
echo "The workspace is $ws; its documents are in alliances/<id>/documents/."
