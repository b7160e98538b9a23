"""The words of the 12345 import: each problem with its row and column, the summary line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.hotline import HotlineImportRefused, ImportPlan, ImportProblem, ImportSummary
from models.hotline_terms import HotlineStepRefused


def problem_text(problem: ImportProblem) -> str:
    """One problem of a file: where (row, column) and what is wrong."""
    reasons = {
        "old_excel": QCoreApplication.translate(
            "hotline", "这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后再导入"
        ),
        "not_a_table": QCoreApplication.translate("hotline", "不是 XLSX 或 CSV 表格文件"),
        "encoding": QCoreApplication.translate("hotline", "文件编码无法识别（应为 UTF-8 或 GBK）"),
        "empty": QCoreApplication.translate("hotline", "为空（合并单元格只在第一格有值）"),
        "no_orders": QCoreApplication.translate("hotline", "文件中没有工单"),
        "merged": QCoreApplication.translate("hotline", "合并单元格：请取消合并并在每一行填写"),
        "column_twice": QCoreApplication.translate("hotline", "同一字段的列出现了两次"),
        "column_missing": QCoreApplication.translate(
            "hotline", "缺少必需的列（表头可带或不带“12345”前缀）"
        ),
        "columns_unknown": QCoreApplication.translate(
            "hotline", "无法识别的列（如为改名的列，请添加表头别名）"
        ),
        "too_many_rows": QCoreApplication.translate("hotline", "行数超过上限 {detail}"),
        "too_long": QCoreApplication.translate("hotline", "过长（最多 {detail} 字）"),
        "control_character": QCoreApplication.translate("hotline", "含有控制字符"),
        "not_a_date": QCoreApplication.translate("hotline", "不是可识别的日期时间“{detail}”"),
        "not_yes_no": QCoreApplication.translate("hotline", "应为“是”或“否”，而不是“{detail}”"),
        "not_a_number": QCoreApplication.translate("hotline", "不是数字“{detail}”"),
        "invalid": QCoreApplication.translate("hotline", "格式有误“{detail}”"),
        "no_other_category": QCoreApplication.translate(
            "hotline", "事件分类中没有“其他”，无法归类未知业务分类"
        ),
    }
    detail = problem.detail
    if problem.reason == "too_many_rows":
        from models.hotline import MAX_ROWS

        detail = str(MAX_ROWS)
    reason = reasons.get(problem.reason, problem.reason).replace("{detail}", detail)
    where = (
        QCoreApplication.translate("hotline", "第 {row} 行").format(row=problem.row)
        if problem.row
        else QCoreApplication.translate("hotline", "文件")
    )
    if problem.column:
        where += QCoreApplication.translate("hotline", "“{column}”列").format(column=problem.column)
    return QCoreApplication.translate("hotline", "{where}：{reason}").format(
        where=where, reason=reason
    )


def refused_text(refused: HotlineImportRefused) -> str:
    """The last line of a refused import."""
    return QCoreApplication.translate(
        "hotline", "文件未导入（{n} 处问题），数据库未作任何更改"
    ).format(n=len(refused.problems))


def summary_text(summary: ImportSummary) -> str:
    """The one summary line of an import taken."""
    line = QCoreApplication.translate(
        "hotline", "12345 工单导入：新增 {new}，更新 {updated}，待人工定位 {review}，拒收 0"
    ).format(new=summary.new, updated=summary.updated, review=summary.to_review)
    if summary.unchanged:
        line += QCoreApplication.translate("hotline", "；{n} 张与已导入的相同").format(
            n=summary.unchanged
        )
    if summary.repeated:
        line += QCoreApplication.translate(
            "hotline", "；文件中 {n} 张工单重复出现，以后出现的一行为准"
        ).format(n=summary.repeated)
    return line


def preview_text(plan: ImportPlan) -> str:
    """What an import would do, before anything is written."""
    line = QCoreApplication.translate(
        "hotline", "将新增 {new} 张（其中 {review} 张地址待人工定位），更新 {updated} 张"
    ).format(new=len(plan.new), review=plan.to_review, updated=len(plan.updates))
    if plan.unchanged:
        line += QCoreApplication.translate("hotline", "；{n} 张与已导入的相同").format(
            n=plan.unchanged
        )
    if plan.repeated:
        line += QCoreApplication.translate(
            "hotline", "；文件中 {n} 张工单重复出现，以后出现的一行为准"
        ).format(n=plan.repeated)
    return line


def step_refused_text(refused: HotlineStepRefused) -> str:
    """Why the order could not take this hotline step (or this SLA profile was refused)."""
    fields = {
        "reason": QCoreApplication.translate("hotline", "原因"),
        "reply": QCoreApplication.translate("hotline", "答复要点"),
    }
    texts = {
        "unknown_order": QCoreApplication.translate("hotline", "找不到这张12345工单"),
        "returned": QCoreApplication.translate("hotline", "工单已退单，不能再办理"),
        "already_signed": QCoreApplication.translate("hotline", "工单已签收"),
        "replied": QCoreApplication.translate("hotline", "工单已办结答复，不能退单"),
        "send_back_late": QCoreApplication.translate(
            "hotline", "已超过退单时限，不能退单：请办理或申请延期"
        ),
        "required": QCoreApplication.translate("hotline", "请填写{field}"),
        "too_long": QCoreApplication.translate("hotline", "{field}过长"),
        "unknown_result": QCoreApplication.translate("hotline", "请选择办理结果"),
        "already_replied": QCoreApplication.translate("hotline", "工单已办结答复"),
        "unknown_visit": QCoreApplication.translate("hotline", "请选择回访结果"),
        "not_replied": QCoreApplication.translate("hotline", "工单尚未办结答复，不能记录回访"),
        "sla_default_missing": QCoreApplication.translate(
            "hotline", "缺少“其他类型”一行（未列出的工单类型按它计时）"
        ),
        "sla_order_type": QCoreApplication.translate(
            "hotline", "工单类型“{field}”无效（1–16 个字）"
        ),
        "sla_clock": QCoreApplication.translate("hotline", "未知的时限“{field}”"),
        "sla_days": QCoreApplication.translate(
            "hotline", "“{field}”的时限应为 0 到 60 个工作日之间"
        ),
    }
    text = texts.get(
        refused.reason, QCoreApplication.translate("hotline", "12345 工单步骤被拒绝：{field}")
    )
    return text.format(field=fields.get(refused.field, refused.field or refused.reason))
