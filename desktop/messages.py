"""Translated lines for the problems the domain reports by kind (it has no Qt to translate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from models.accounts import AccountRefused, LoginRefused
from models.db import DatabaseProblem
from models.workdays import LOCAL_ZONE
from widgets.event_detail import step_label
from widgets.labels import post_labels, state_labels

if TYPE_CHECKING:  # the event layer is loaded when events are worked on, not at start-up
    from models.accounts import AccountInputError, NotPermitted, WeakPassword
    from models.dispatch import InvalidRule
    from models.events import EventConflict, EventInputError, TransitionRefused
    from models.fields import FieldInvalid
    from models.roles import RoleRefused


def database_problem_text(problem: DatabaseProblem) -> str:
    """One line saying what is wrong with the database and what to do."""
    texts = {
        "bad_url": QCoreApplication.translate("messages", "无法解析数据库地址 {target}"),
        "unsupported": QCoreApplication.translate(
            "messages", "只支持 SQLite 和 PostgreSQL 数据库，不支持 {target}"
        ),
        "not_a_database": QCoreApplication.translate(
            "messages", "{target} 不是数据库文件，请检查 --db 参数"
        ),
        "cannot_open": QCoreApplication.translate(
            "messages", "无法打开数据库文件 {target}，请检查路径与权限"
        ),
        "unreachable": QCoreApplication.translate(
            "messages", "无法连接数据库 {target}：{detail}。请检查地址与服务器是否运行"
        ),
        "missing": QCoreApplication.translate(
            "messages", "数据库文件 {target} 不存在，请检查 --db 参数"
        ),
        "no_folder": QCoreApplication.translate(
            "messages", "数据库文件所在的文件夹 {target} 不存在，请检查 --db 参数（未作任何更改）"
        ),
        "failed": QCoreApplication.translate("messages", "数据库 {target} 拒绝了此操作：{detail}"),
        "older": QCoreApplication.translate(
            "messages", "数据库 {target} 的结构较旧，请先运行 python main.py db upgrade"
        ),
        "newer": QCoreApplication.translate(
            "messages", "数据库 {target} 已被更新版本的 GridDesk 升级，请更新本程序"
        ),
        "empty": QCoreApplication.translate(
            "messages", "数据库 {target} 是空的，请先运行 python main.py db upgrade"
        ),
        "foreign": QCoreApplication.translate(
            "messages", "{target} 中的表不属于 GridDesk，未作任何更改"
        ),
    }
    return texts[problem.kind].format(target=problem.target, detail=problem.detail)


def login_refused_text(refusal: LoginRefused) -> str:
    """Why a log-in was refused, without saying whether the name or the password was wrong."""
    if refusal.reason == "locked":
        until = refusal.until.astimezone(LOCAL_ZONE).strftime("%H:%M") if refusal.until else ""
        return QCoreApplication.translate(
            "messages", "登录失败次数过多，账号已锁定至 {time}"
        ).format(time=until)
    if refusal.reason == "post":
        return QCoreApplication.translate("messages", "该账号不能在此岗位值班")
    if refusal.reason == "inactive":
        return QCoreApplication.translate("messages", "该账号已停用")
    return QCoreApplication.translate("messages", "账号或密码错误")


def unlock_refused_text(refusal: LoginRefused) -> str:
    """Why the screen lock stayed on: there is no account to get wrong, only the password."""
    if refusal.reason == "credentials":
        return QCoreApplication.translate("messages", "密码错误")
    return login_refused_text(refusal)


def unavailable_text() -> str:
    """The database did not answer; nothing was written."""
    return QCoreApplication.translate("messages", "数据库暂时无法连接，操作未保存，请稍后重试")


def kept_text(what: str) -> str:
    """The database is away: the action is kept on this computer and written when it is back."""
    return QCoreApplication.translate(
        "messages", "数据库连接中断：“{what}”已记入本机日志，恢复连接后自动提交"
    ).format(what=what)


def not_permitted_text(refusal: NotPermitted) -> str:
    """The operator's role may not do this, or the account may no longer act at all."""
    if isinstance(refusal, AccountRefused):
        texts = {
            "inactive": QCoreApplication.translate(
                "messages", "您的账号已停用或不存在，操作未保存，请联系管理员"
            ),
            "role": QCoreApplication.translate(
                "messages", "您的账号角色已变更，操作未保存，请重新登录"
            ),
            "post": QCoreApplication.translate(
                "messages", "您的账号已不能在此岗位值班，操作未保存，请重新登录"
            ),
        }
        return texts[refusal.reason]
    return QCoreApplication.translate("messages", "您的角色无权执行此操作（{action}）").format(
        action=refusal.action
    )


def field_label(field: str) -> str:
    """The name of a stored field (``table.column``) as people call it; the field itself
    for one without a name of its own."""
    labels = {
        "operator_account.username": QCoreApplication.translate("messages", "账号"),
        "operator_account.display_name": QCoreApplication.translate("messages", "姓名"),
        "event.description": QCoreApplication.translate("messages", "事件描述"),
        "event.address": QCoreApplication.translate("messages", "地址"),
        "event.reporter_name": QCoreApplication.translate("messages", "反映人"),
        "event.reporter_phone": QCoreApplication.translate("messages", "联系电话"),
        "event_action.note": QCoreApplication.translate("messages", "处理意见"),
        "camera.name": QCoreApplication.translate("messages", "摄像机名称"),
        "camera.stream_url": QCoreApplication.translate("messages", "视频流地址"),
        "camera.web_url": QCoreApplication.translate("messages", "平台网页"),
        "camera.stream_username": QCoreApplication.translate("messages", "视频流用户名"),
        "camera.stream_password": QCoreApplication.translate("messages", "视频流密码"),
        "video_system.player_template": QCoreApplication.translate("messages", "播放器命令"),
        "video_system.api_url": QCoreApplication.translate("messages", "平台地址"),
        "video_system.api_username": QCoreApplication.translate("messages", "平台账号"),
        "video_system.api_password": QCoreApplication.translate("messages", "平台密码"),
        "player_program.path": QCoreApplication.translate("messages", "客户端程序路径"),
        "duty_log_entry.text": QCoreApplication.translate("messages", "值班日志内容"),
        "handover.notes": QCoreApplication.translate("messages", "交接说明"),
        "mode_switch.reason": QCoreApplication.translate("messages", "原因"),
        "emergency_activation.reason": QCoreApplication.translate("messages", "原因"),
        "dispatch_rule.note": QCoreApplication.translate("messages", "规则说明"),
        "attachment.filename": QCoreApplication.translate("messages", "附件文件名"),
    }
    return labels.get(field, field)


def field_invalid_text(invalid: FieldInvalid) -> str:
    """What a stored field cannot hold, naming the field (never quoting the value)."""
    texts = {
        "too_long": QCoreApplication.translate(
            "messages", "“{field}”过长：最多 {limit} 个字符，未作任何更改"
        ),
        "characters": QCoreApplication.translate(
            "messages", "“{field}”含有不能保存的字符（控制字符或无效编码），未作任何更改"
        ),
        "out_of_range": QCoreApplication.translate(
            "messages", "“{field}”的数值超出范围，未作任何更改"
        ),
    }
    text = texts.get(
        invalid.reason, QCoreApplication.translate("messages", "“{field}”有误，未作任何更改")
    )
    return text.format(field=field_label(invalid.field), limit=invalid.limit or "")


def weak_password_text(weak: WeakPassword) -> str:
    """Why a password is below the baseline."""
    texts = {
        "too_short": QCoreApplication.translate("messages", "密码至少 8 位，须同时包含字母和数字"),
        "too_long": QCoreApplication.translate("messages", "密码不能超过 128 个字符"),
        "letters_digits": QCoreApplication.translate(
            "messages", "密码至少 8 位，须同时包含字母和数字"
        ),
        "repeated": QCoreApplication.translate(
            "messages", "密码不能主要由同一个字符组成（任一字符不超过一半）"
        ),
        "spaces": QCoreApplication.translate("messages", "密码首尾不能有空格"),
        "characters": QCoreApplication.translate("messages", "密码中不能有控制字符"),
        "username": QCoreApplication.translate("messages", "密码中不能包含账号名"),
    }
    return texts.get(weak.reason, texts["letters_digits"])


def account_input_text(wrong: AccountInputError) -> str:
    """Why an account cannot be made as given, naming the field."""
    texts = {
        ("username", "required"): QCoreApplication.translate("messages", "请填写账号"),
        ("username", "too_long"): QCoreApplication.translate("messages", "账号最多 32 个字符"),
        ("username", "invalid"): QCoreApplication.translate(
            "messages", "账号只能由小写字母、数字和 _ . - 组成（1–32 个字符）"
        ),
        ("display_name", "required"): QCoreApplication.translate("messages", "请填写姓名"),
        ("display_name", "too_long"): QCoreApplication.translate("messages", "姓名最多 32 个字符"),
        ("display_name", "invalid"): QCoreApplication.translate(
            "messages", "姓名不能含控制字符，首尾不能有空格"
        ),
        ("role", "unknown"): QCoreApplication.translate("messages", "没有这个角色"),
        ("posts", "unknown"): QCoreApplication.translate("messages", "没有这个岗位"),
        ("posts", "required"): QCoreApplication.translate("messages", "请至少选择一个岗位"),
    }
    return texts.get(
        (wrong.field, wrong.reason),
        QCoreApplication.translate("messages", "{field}有误").format(field=wrong.field),
    )


def role_refused_text(refused: RoleRefused) -> str:
    """Why ``db grant`` was not done."""
    texts = {
        "name": QCoreApplication.translate(
            "messages", "角色名只能由小写字母、数字和下划线组成，且不以数字开头（最多 63 个字符）"
        ),
        "reserved": QCoreApplication.translate(
            "messages", "不能使用角色名 {role}：它是保留名或当前连接的账号"
        ),
        "superuser": QCoreApplication.translate(
            "messages", "角色 {role} 是超级用户：各岗位不能以超级用户连接，请另选角色名"
        ),
        "owner": QCoreApplication.translate(
            "messages", "角色 {role} 拥有本数据库的表：各岗位不能以所有者连接，请另选角色名"
        ),
        "not_postgresql": QCoreApplication.translate(
            "messages", "db grant 只用于 PostgreSQL 数据库（--db postgresql+psycopg://…）"
        ),
    }
    return texts.get(refused.reason, refused.reason).format(role=refused.role)


def transition_refused_text(refusal: TransitionRefused) -> str:
    """Why an event could not take this step now."""
    texts = {
        "state": QCoreApplication.translate("messages", "事件当前状态（{state}）不能执行此操作"),
        "already_escalated": QCoreApplication.translate("messages", "事件已上报领导"),
        "same_event": QCoreApplication.translate("messages", "不能合并到事件本身"),
        "not_open": QCoreApplication.translate("messages", "只能合并到未结的事件"),
        "no_grid": QCoreApplication.translate(
            "messages", "事件尚无网格（地址未能定位）：请先确认网格再派遣"
        ),
    }
    text = texts.get(
        refusal.reason, QCoreApplication.translate("messages", "此操作被拒绝：{reason}")
    )
    return text.format(
        state=state_labels().get(refusal.state, refusal.state), reason=refusal.reason
    )


def conflict_text(conflict: EventConflict) -> str:
    """Who changed the event first and by which step — the system by that name, the field where
    no operator took it — and what it is now."""
    if conflict.by_system:
        who = QCoreApplication.translate("messages", "系统")
    elif conflict.changed_by:
        who = QCoreApplication.translate("messages", "{name}（{post}）").format(
            name=conflict.changed_by,
            post=post_labels().get(conflict.changed_post or "", conflict.changed_post or ""),
        )
    else:
        who = QCoreApplication.translate("messages", "现场")
    when = (
        conflict.changed_at.astimezone(LOCAL_ZONE).strftime("%H:%M:%S")
        if conflict.changed_at
        else ""
    )
    return QCoreApplication.translate(
        "messages", "事件已被 {who} 于 {time} 更改（{step}），现为“{state}”。请核对后再操作。"
    ).format(
        who=who,
        time=when,
        step=step_label(conflict.changed_kind),
        state=state_labels().get(conflict.detail.state, conflict.detail.state),
    )


def event_input_text(wrong: EventInputError, field_name: str) -> str:
    """What is wrong with a field of an event, naming the field."""
    texts = {
        "required": QCoreApplication.translate("messages", "请填写{field}"),
        "too_long": QCoreApplication.translate("messages", "{field}过长"),
        "invalid": QCoreApplication.translate("messages", "{field}格式不正确"),
        "unknown": QCoreApplication.translate("messages", "{field}不存在"),
        "not_a_number": QCoreApplication.translate("messages", "{field}须为数字"),
        "out_of_area": QCoreApplication.translate("messages", "{field}不在本辖区内"),
        "too_many": QCoreApplication.translate("messages", "{field}数量过多"),
        "too_large": QCoreApplication.translate("messages", "{field}过大：{detail}"),
        "empty": QCoreApplication.translate("messages", "{field}为空：{detail}"),
        "type_mismatch": QCoreApplication.translate(
            "messages", "{field}的内容与文件名不符：{detail}"
        ),
        "ambiguous": QCoreApplication.translate("messages", "{field}只能选择一项"),
        "pixels": QCoreApplication.translate(
            "messages", "{field}的图片像素过多或无法识别尺寸：{detail}（不超过 4800 万像素）"
        ),
    }
    text = texts.get(wrong.reason, QCoreApplication.translate("messages", "{field}有误"))
    return text.format(field=field_name, detail=wrong.detail)


def invalid_rule_text(wrong: InvalidRule, field_name: str) -> str:
    """Why a dispatch rule could not be saved, naming the field."""
    texts = {
        "required": QCoreApplication.translate("messages", "请选择{field}"),
        "unknown": QCoreApplication.translate("messages", "{field}不存在"),
        "not_allowed": QCoreApplication.translate(
            "messages", "只有处置力量为职能部门的规则才能指定{field}"
        ),
        "too_long": QCoreApplication.translate("messages", "{field}过长"),
    }
    text = texts.get(wrong.problem, QCoreApplication.translate("messages", "{field}有误"))
    return text.format(field=field_name)


def mode_refused_text(reason: str) -> str:
    """Why a mode switch (or a checklist tick) was refused."""
    texts = {
        "already": QCoreApplication.translate("messages", "已处于应急模式"),
        "reason_required": QCoreApplication.translate("messages", "请填写原因"),
        "too_long": QCoreApplication.translate("messages", "原因过长"),
        "unknown_plan": QCoreApplication.translate("messages", "预案不存在或已停用"),
        "unknown_level": QCoreApplication.translate("messages", "响应级别有误"),
        "not_in_emergency": QCoreApplication.translate("messages", "当前不在应急模式"),
        "unknown_item": QCoreApplication.translate("messages", "该事项不属于当前预案"),
        "plan_in_force": QCoreApplication.translate(
            "messages", "该预案正在执行中，恢复常态后才能修改"
        ),
        "name_required": QCoreApplication.translate("messages", "请填写预案名称"),
        "item_required": QCoreApplication.translate("messages", "预案至少需要一项处置事项"),
        "item_text": QCoreApplication.translate("messages", "处置事项不能为空，且不超过 256 字"),
        "item_due": QCoreApplication.translate("messages", "时限须为 1 至 1440 分钟"),
    }
    return texts.get(reason, reason)


def sla_refused_text(field: str, reason: str) -> str:
    """Why a time limit could not be saved or removed."""
    texts = {
        "duplicate": QCoreApplication.translate(
            "messages", "已有同一模式、时限、类别与优先级的标准，请修改那一条"
        ),
        "general_required": QCoreApplication.translate(
            "messages", "每种模式的每个时限都须保留一条通用标准（类别、优先级为任意）"
        ),
        "invalid": QCoreApplication.translate(
            "messages", "时长须大于 0，且不超过 60 个工作日或 1440 小时"
        ),
        "unknown": QCoreApplication.translate("messages", "{field}不存在"),
    }
    return texts.get(reason, reason).format(field=field)


def tile_source_text(kind: str, detail: str) -> str:
    """Why a base-tile source cannot be used."""
    texts = {
        "url_characters": QCoreApplication.translate("messages", "瓦片地址不能含空格或控制字符"),
        "url_scheme": QCoreApplication.translate(
            "messages", "瓦片地址须以 http:// 或 https:// 开头，并写明服务器"
        ),
        "url_placeholders": QCoreApplication.translate(
            "messages", "瓦片地址缺少占位符 {detail}（须含 {{z}}、{{x}}、{{y}}）"
        ),
        "url_host": QCoreApplication.translate(
            "messages", "瓦片服务器 {detail} 有误：只写主机名或 IP 地址，可带端口"
        ),
        "no_file": QCoreApplication.translate("messages", "找不到 MBTiles 文件 {detail}"),
        "not_mbtiles": QCoreApplication.translate("messages", "{detail} 不是可读的 MBTiles 文件"),
        "not_raster": QCoreApplication.translate(
            "messages", "MBTiles 的瓦片格式为 {detail}，只能显示 png、jpg 或 webp 栅格瓦片"
        ),
        "bad_datum": QCoreApplication.translate("messages", "未知的坐标系 {detail}"),
        "bad_kind": QCoreApplication.translate("messages", "未知的底图类型 {detail}"),
    }
    return texts.get(kind, kind).format(detail=detail)
