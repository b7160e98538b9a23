"""Translated lines for what the video layer refuses: a URL or template, the WVP platform, a
registry import, a patrol step. Never with a credential in them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from models.cameras import CameraImportRefused, ImportProblem, ProfileRefused
    from models.launch import LaunchRefused
    from models.wvp import WvpFailed


def launch_refused_text(refused: LaunchRefused) -> str:
    """Why a URL or a player template may not be opened."""
    texts = {
        "empty": QCoreApplication.translate("video_messages", "没有可打开的地址"),
        "too_long": QCoreApplication.translate("video_messages", "地址或命令过长"),
        "unparsable": QCoreApplication.translate("video_messages", "地址格式有误，无法解析"),
        "scheme": QCoreApplication.translate(
            "video_messages", "不允许的协议“{detail}”：只能打开 rtsp、http、https 地址"
        ),
        "no_host": QCoreApplication.translate("video_messages", "地址中没有主机名"),
        "option": QCoreApplication.translate("video_messages", "地址不能以“-”开头"),
        "option_value": QCoreApplication.translate(
            "video_messages", "填入 {detail} 的内容以“-”开头，会被播放器当作选项，未打开"
        ),
        "whitespace": QCoreApplication.translate("video_messages", "地址中不能有空格或换行"),
        "control": QCoreApplication.translate("video_messages", "地址或命令中含有控制字符"),
        "credentials": QCoreApplication.translate(
            "video_messages", "地址中不能带用户名或密码：请填在单独的用户名、密码栏"
        ),
        "quotes": QCoreApplication.translate("video_messages", "播放器命令的引号不成对"),
        "no_url": QCoreApplication.translate("video_messages", "播放器命令中必须有 {url} 参数"),
        "placeholder": QCoreApplication.translate(
            "video_messages", "播放器命令中有未知的占位符 {detail}（可用 {url} {name} {gb_id}）"
        ),
        "shell": QCoreApplication.translate(
            "video_messages",
            "不能使用会启动其他程序的程序（{detail}）：命令解释器、脚本、nice、sudo、终端等",
        ),
        "unknown_program": QCoreApplication.translate(
            "video_messages",
            "“{detail}”不是已知的播放器（vlc、cvlc、mpv、ffplay、mplayer、smplayer、"
            "PotPlayerMini64）；平台客户端请先按绝对路径登记",
        ),
        "not_registered": QCoreApplication.translate(
            "video_messages", "程序“{detail}”尚未登记：平台客户端须由摄像机管理员按绝对路径登记"
        ),
        "relative": QCoreApplication.translate(
            "video_messages", "程序“{detail}”须写已知播放器的名称，或已登记客户端的绝对路径"
        ),
        "missing": QCoreApplication.translate("video_messages", "本机没有可执行的程序“{detail}”"),
    }
    text = texts.get(
        refused.reason, QCoreApplication.translate("video_messages", "地址被拒绝（{detail}）")
    )
    # .replace, not .format: the texts themselves hold "{url}" as a word for the operator.
    return text.replace("{detail}", refused.detail or refused.reason)


def wvp_failed_text(failed: WvpFailed) -> str:
    """Why the video platform gave no stream URL."""
    texts = {
        "not_configured": QCoreApplication.translate("video_messages", "视频平台地址未配置"),
        "unreachable": QCoreApplication.translate("video_messages", "无法连接视频平台（{detail}）"),
        "timeout": QCoreApplication.translate("video_messages", "视频平台无响应（超时）"),
        "login": QCoreApplication.translate("video_messages", "视频平台拒绝登录：请检查平台账号"),
        "refused": QCoreApplication.translate("video_messages", "视频平台未能开始播放：{detail}"),
        "answer": QCoreApplication.translate("video_messages", "视频平台的应答无法识别"),
        "no_url": QCoreApplication.translate("video_messages", "视频平台未给出可打开的地址"),
    }
    return texts.get(failed.reason, failed.reason).format(detail=failed.detail)


def import_problem_text(problem: ImportProblem) -> str:
    """One problem of a registry import, with the line the file shows and the column's
    header."""
    from models.cameras import CREDENTIAL_COLUMNS, CSV_COLUMNS

    column_name = dict((*CSV_COLUMNS, *CREDENTIAL_COLUMNS)).get(problem.column, problem.column)
    reasons = {
        "encoding": QCoreApplication.translate(
            "video_messages", "文件编码无法识别（应为 UTF-8 或 GBK）"
        ),
        "empty_file": QCoreApplication.translate("video_messages", "文件是空的"),
        "header": QCoreApplication.translate("video_messages", "表头中有未知或重复的列“{detail}”"),
        "missing_column": QCoreApplication.translate("video_messages", "缺少必需的列"),
        "required": QCoreApplication.translate("video_messages", "必填"),
        "too_long": QCoreApplication.translate("video_messages", "过长"),
        "invalid": QCoreApplication.translate("video_messages", "格式有误"),
        "not_a_number": QCoreApplication.translate("video_messages", "不是数字"),
        "out_of_range": QCoreApplication.translate("video_messages", "超出范围"),
        "unknown": QCoreApplication.translate("video_messages", "不存在“{detail}”"),
        "duplicate": QCoreApplication.translate("video_messages", "与第 {detail} 行重复"),
        "columns": QCoreApplication.translate("video_messages", "列数多于表头"),
        "out_of_area": QCoreApplication.translate("video_messages", "位置不在本辖区内"),
    }
    reason = reasons.get(problem.reason)
    if reason is None:
        from models.launch import LaunchRefused

        reason = launch_refused_text(LaunchRefused(problem.reason, problem.detail))
    reason = reason.replace("{detail}", problem.detail)
    where = (
        QCoreApplication.translate("video_messages", "第 {line} 行").format(line=problem.line)
        if problem.line
        else QCoreApplication.translate("video_messages", "文件")
    )
    if column_name:
        where += QCoreApplication.translate("video_messages", "“{column}”列").format(
            column=column_name
        )
    return QCoreApplication.translate("video_messages", "{where}：{reason}").format(
        where=where, reason=reason
    )


def import_refused_text(refused: CameraImportRefused) -> str:
    """The last line of a refused import: how many problems, and that only the first are
    listed when there were more."""
    if refused.total > len(refused.problems):
        return QCoreApplication.translate(
            "video_messages", "共 {n} 处问题（仅列出前 {shown} 处），未导入任何摄像机"
        ).format(n=refused.total, shown=len(refused.problems))
    return QCoreApplication.translate("video_messages", "共 {n} 处问题，未导入任何摄像机").format(
        n=refused.total
    )


def profile_refused_text(refused: ProfileRefused) -> str:
    """Why a launch profile was not saved."""
    if refused.reason == "unknown":
        return QCoreApplication.translate("video_messages", "没有这个视频系统")
    if refused.reason == "launch":
        return QCoreApplication.translate("video_messages", "打开方式只能是 player、handler 或 wvp")
    fields = {
        "template": QCoreApplication.translate("video_messages", "播放器命令"),
        "api_url": QCoreApplication.translate("video_messages", "平台地址"),
        "api_user": QCoreApplication.translate("video_messages", "平台账号"),
        "api_password": QCoreApplication.translate("video_messages", "平台密码"),
        "program": QCoreApplication.translate("video_messages", "客户端程序"),
    }
    if refused.reason in ("too_long", "characters", "not_text"):
        return QCoreApplication.translate(
            "video_messages", "{field}过长或含有不能保存的字符，未作任何更改"
        ).format(field=fields.get(refused.field, refused.field))
    from models.launch import LaunchRefused

    return launch_refused_text(LaunchRefused(refused.reason, refused.detail))


def patrol_refused_text(reason: str) -> str:
    """Why a tour or a patrol step was refused."""
    texts = {
        "name_required": QCoreApplication.translate("video_messages", "请填写轮巡名称"),
        "too_long": QCoreApplication.translate("video_messages", "轮巡名称过长"),
        "dwell": QCoreApplication.translate("video_messages", "停留时间应为 1–3600 秒"),
        "no_cameras": QCoreApplication.translate("video_messages", "轮巡中至少要有一个摄像机"),
        "too_many": QCoreApplication.translate("video_messages", "轮巡中的摄像机过多"),
        "unknown_camera": QCoreApplication.translate("video_messages", "轮巡中有已不存在的摄像机"),
        "unknown_tour": QCoreApplication.translate("video_messages", "该轮巡已被删除"),
        "unknown_patrol": QCoreApplication.translate("video_messages", "没有这次巡查"),
        "not_yours": QCoreApplication.translate("video_messages", "这是其他操作员的巡查"),
        "ended": QCoreApplication.translate("video_messages", "巡查已结束"),
        "position": QCoreApplication.translate("video_messages", "这一站已记录"),
    }
    return texts.get(reason, reason)
